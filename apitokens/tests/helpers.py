"""Helpers for calling the API in tests."""

from apitokens import services


def token_for(user, name: str = "test") -> str:
    """A fresh personal API token for `user` (through the service, as a person would)."""
    return services.create_api_token(user, data={"name": name}, actor=user)[1]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}

"""API tokens over the API: list, create (shown once) and revoke; staff issue service tokens."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Status

from apitokens import queries, services
from apitokens.access import get_token_for, service_tokens_for
from apitokens.models import ApiToken
from core.api import Filled, In, ListParams, Page, Schema, page, responses
from core.errors import Forbidden

router = Router(tags=["api tokens"])


class TokenOut(Schema):
    token_id: int
    kind: str
    name: str
    prefix: str = Field(description="The token's first characters, to recognize it.")
    status: str = Field(description="active, expired or revoked")
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="The secret. It is shown only this once.")


class TokenIn(In):
    name: Filled(100)
    expires_in_days: int | None = Field(None, ge=1, le=366)


def _token(token: ApiToken) -> dict:
    return {
        "token_id": token.pk,
        "kind": token.kind,
        "name": token.name,
        "prefix": token.prefix,
        "status": token.status,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
    }


def _page(rows, params: ListParams) -> dict:
    result = page(rows, params)
    return {**result, "items": [_token(t) for t in result["items"]]}


def _with_secret(token: ApiToken, raw: str) -> dict:
    return {**_token(token), "token": raw}


@router.get(
    "/me/api-tokens",
    response=responses(200, Page[TokenOut]),
    operation_id="list_api_tokens",
    summary="My API tokens (never their secrets)",
)
def list_api_tokens(request, params: Query[ListParams]):
    # 2 queries: the count, then the page.
    return _page(queries.tokens_of(request.auth), params)


@router.post(
    "/me/api-tokens",
    response=responses(201, NewTokenOut, 403),
    operation_id="create_api_token",
    summary="Create a personal API token; the answer holds its secret, shown only once",
)
def create_api_token(request, payload: TokenIn):
    if getattr(request, "api_token", None) is not None:
        raise Forbidden(_("Create API tokens from a signed-in session, not with another token."))
    token, raw = services.create_api_token(
        request.auth, data=payload.model_dump(), actor=request.auth
    )
    return Status(201, _with_secret(token, raw))


@router.delete(
    "/me/api-tokens/{token_id}",
    response=responses(204, None, 403, 404),
    operation_id="revoke_api_token",
    summary="Revoke one of my API tokens (staff: any token)",
)
def revoke_api_token(request, token_id: int):
    services.revoke_api_token(get_token_for(request.auth, token_id), actor=request.auth)
    return Status(204, None)


@router.get(
    "/service-tokens",
    response=responses(200, Page[TokenOut], 403),
    operation_id="list_service_tokens",
    summary="Service tokens of downstream systems (operator staff)",
)
def list_service_tokens(request, params: Query[ListParams]):
    return _page(service_tokens_for(request.auth), params)


@router.post(
    "/service-tokens",
    response=responses(201, NewTokenOut, 403),
    operation_id="issue_service_token",
    summary="Issue a token to a downstream system (operator staff); secret shown once",
)
def issue_service_token(request, payload: TokenIn):
    token, raw = services.issue_service_token(data=payload.model_dump(), actor=request.auth)
    return Status(201, _with_secret(token, raw))

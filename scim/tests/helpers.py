"""What the SCIM tests share: a token of an organization and a client that speaks SCIM."""

import json

from django.test import Client

from scim.protocol import CONTENT_TYPE
from scim.services import issue_scim_token


def token_for(personas, issuer: str = "alice", org: str = "northwind") -> str:
    _, secret = issue_scim_token(
        getattr(personas, org), data={"name": "Identity provider"}, actor=getattr(personas, issuer)
    )
    return secret


class Scim:
    """An identity provider's HTTP client for /scim/v2/."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def _send(self, method: str, path: str, body=None, **extra):
        kwargs = {"headers": self.headers, **extra}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = CONTENT_TYPE
        response = getattr(self.client, method)(f"/scim/v2/{path}", **kwargs)
        response.body = json.loads(response.content) if response.content else None
        return response

    def get(self, path, **extra):
        return self._send("get", path, **extra)

    def post(self, path, body):
        return self._send("post", path, body)

    def put(self, path, body):
        return self._send("put", path, body)

    def patch(self, path, body):
        return self._send("patch", path, body)

    def delete(self, path):
        return self._send("delete", path)


def patch_op(*operations: dict) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": list(operations),
    }


ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


def assert_scim_error(response, status: int, scim_type: str | None = None) -> str:
    """The answer is a SCIM error of that status (and scimType); returns its sentence."""
    assert response.status_code == status, (response.status_code, response.content)
    assert response["Content-Type"] == CONTENT_TYPE
    body = response.body
    assert body["schemas"] == [ERROR] and body["status"] == str(status)
    assert body.get("scimType") == scim_type, body
    assert body["detail"][0].isupper() and body["detail"].rstrip().endswith("."), body
    return body["detail"]

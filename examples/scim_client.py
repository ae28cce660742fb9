"""A SCIM 2.0 client that does what an identity provider (Entra ID, Okta) does with the portal:
look a user up by userName, provision them, patch them, put them in a group (a registration
role), and deprovision them (active=false). Run it against a portal:

    python examples/scim_client.py http://127.0.0.1:8000 oscim_... jdoe jdoe@example.com

Only `requests` is needed. The test suite runs it against a live portal
(scim/tests/test_idp_client.py)."""

import sys

import requests

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


class ScimClient:
    def __init__(self, base: str, token: str) -> None:
        self.base = base.rstrip("/") + "/scim/v2"
        self.session = requests.Session()
        self.session.headers.update(
            {"Authorization": f"Bearer {token}", "Accept": SCIM, "Content-Type": SCIM}
        )

    def _call(self, method: str, path: str, body: dict | None = None, params=None) -> dict:
        answer = self.session.request(
            method, f"{self.base}/{path}", json=body, params=params, timeout=10
        )
        if answer.status_code >= 400:
            error = answer.json()
            raise ScimFailure(answer.status_code, error.get("scimType"), error["detail"])
        return answer.json() if answer.content else {}

    def find_user(self, user_name: str) -> dict | None:
        found = self._call("GET", "Users", params={"filter": f'userName eq "{user_name}"'})
        return found["Resources"][0] if found["totalResults"] else None

    def provision(self, user_name: str, email: str, given: str, family: str, phone: str) -> dict:
        return self.find_user(user_name) or self._call(
            "POST",
            "Users",
            {
                "schemas": [USER],
                "userName": user_name,
                "externalId": user_name,
                "name": {"givenName": given, "familyName": family},
                "emails": [{"value": email, "type": "work", "primary": True}],
                "phoneNumbers": [{"value": phone, "type": "work"}],
                "active": True,
            },
        )

    def patch_user(self, user_id: str, **values) -> dict:
        operations = [{"op": "replace", "path": k, "value": v} for k, v in values.items()]
        return self._call(
            "PATCH", f"Users/{user_id}", {"schemas": [PATCH], "Operations": operations}
        )

    def group_id(self, display_name: str) -> str:
        found = self._call("GET", "Groups", params={"filter": f'displayName eq "{display_name}"'})
        return found["Resources"][0]["id"]

    def add_to_group(self, group_id: str, user_id: str) -> dict:
        operation = {"op": "add", "path": "members", "value": [{"value": user_id}]}
        return self._call(
            "PATCH", f"Groups/{group_id}", {"schemas": [PATCH], "Operations": [operation]}
        )

    def deprovision(self, user_id: str) -> dict:
        # Entra ID's soft delete: a PATCH without a path.
        operation = {"op": "Replace", "value": {"active": False}}
        return self._call(
            "PATCH", f"Users/{user_id}", {"schemas": [PATCH], "Operations": [operation]}
        )


class ScimFailure(Exception):
    def __init__(self, status: int, scim_type: str | None, detail: str) -> None:
        super().__init__(f"{status} {scim_type or ''}: {detail}")
        self.status, self.scim_type, self.detail = status, scim_type, detail


def main(base: str, token: str, user_name: str, email: str) -> None:
    client = ScimClient(base, token)
    user = client.provision(user_name, email, "Jordan", "Doe", "+1 416 555 0142")
    print("provisioned", user["id"], user["userName"])
    user = client.patch_user(user["id"], externalId=f"hr-{user['id']}")
    print("patched", user["externalId"])
    group = client.add_to_group(client.group_id("Settlement Contact"), user["id"])
    print("in group", group["displayName"])
    print("active", client.deprovision(user["id"])["active"])


if __name__ == "__main__":
    main(*sys.argv[1:5])

import json
import pytest

pytestmark = pytest.mark.django_db


def test_smoke(client, personas):
    r = client.get("/api/v1/me")
    print(r.status_code, r.content)
    client.force_login(personas.alice)
    for url in [
        "/api/v1/me",
        "/api/v1/organizations",
        "/api/v1/organizations/100001",
        "/api/v1/organizations/100001/contacts",
        "/api/v1/organizations/100002",
        "/api/v1/persons?q=ali",
        "/api/v1/organizations/100001/audit",
        "/api/v1/nope",
        "/api/v1/openapi.json",
    ]:
        r = client.get(url)
        print(url, r.status_code, r.content[:300])
    r = client.delete("/api/v1/organizations/100001/contacts/500001/primary_contact")
    print(r.status_code, r.content)
    r = client.post("/api/v1/organizations/100001/contacts", "x", content_type="text/plain")
    print(r.status_code, r.content)
    r = client.post(
        "/api/v1/organizations/100001/contacts", "{bad", content_type="application/json"
    )
    print(r.status_code, r.content)
    r = client.post(
        "/api/v1/organizations/100001/contacts",
        {"person_id": 1, "role": "x", "z": 1},
        content_type="application/json",
    )
    print(r.status_code, r.content)
    r = client.put("/api/v1/me", {}, content_type="application/json")
    print(r.status_code, r.content, r.get("Allow"))
    r = client.post("/api/v1/me/api-tokens", {"name": "t"}, content_type="application/json")
    print(r.status_code, r.content)
    tok = r.json()["token"]
    client.logout()
    r = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer " + tok)
    print(r.status_code, r.content[:200])
    r = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer oreg_nope")
    print(r.status_code, r.content[:200])

"""Security case 51's replay check: every API operation that names an object of Northwind
(organization, person, grant, task, token, ...) is replayed with the credentials of another
organization's Primary Contact (Frank, Lakeshore). He must get 404 — the answer for something
that does not exist — and nothing may change; the same request by Northwind's own contact then
finds the object, which proves the identifiers were real.

The operations come from the live OpenAPI document, so a new operation with a path parameter
this test does not know fails here until it is added to `IDS` (and, if it takes a body, to
`BODIES`).
"""

import json

import pytest

from apitokens.tests.helpers import bearer, token_for
from audit.models import AuditEntry
from banking import services as banking_services
from banking.tests.helpers import NEW, letter, stored_letter
from certification.tests.helpers import northwind_certification
from documents import purposes
from documents import services as document_services
from documents.tests.files import pdf_bytes, upload
from integrations.tests.helpers import subscribe
from participation.models import Application
from registry.models import Section
from systems import machines
from systems import services as systems_services
from systems.models import InformationSystem
from systems.tests.helpers import start_review
from tasks.models import Task

pytestmark = pytest.mark.django_db
purposes.register("test", "Test document")  # as the documents tests do


def _northwind_objects(personas) -> dict:
    northwind = personas.northwind
    erin, ivan = personas.person("erin"), personas.person("ivan")
    grant = systems_services.grant_access(
        northwind, erin, InformationSystem.objects.get(code="metering"), actor=personas.dave
    )
    change = banking_services.submit_banking_change(
        northwind, data=NEW, file=letter(), actor=personas.carol
    )
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    from apitokens.models import ApiToken

    token_for(personas.alice, "replayed")
    token = ApiToken.objects.filter(user=personas.alice, name="replayed").get()
    campaign = start_review(personas, organizations=str(northwind.org_id))
    review = campaign.reviews.get(organization=northwind)
    item = review.items.get(person=erin)
    return {
        "org_id": northwind.org_id,
        "person_id": erin.person_id,
        "role": "invoicing_banking_contact",
        "grant_id": grant.pk,
        "task_id": task.pk,
        "token_id": token.pk,
        "review_id": review.pk,
        "item_id": item.pk,
        "section_id": Section.objects.get(organization=northwind, name="Settlements Desk").pk,
        "webhook_id": subscribe(personas, "http://127.0.0.1:9/hooks", ["contact.added"])[0].pk,
        "document_id": document_services.store_document(
            actor=personas.carol,
            organization=northwind,
            file=upload("letter.pdf", pdf_bytes()),
            purpose="test",
        ).pk,
        "application_id": Application.objects.get(organization=northwind).pk,
        "code": "bank-account",
        "account_id": machines.request_machine_account(
            northwind,
            InformationSystem.objects.get(code="metering"),
            owner=erin,
            name="Replayed machine",
            purpose="Replayed.",
            actor=personas.dave,
        ).pk,
        "certification_id": northwind_certification(personas).pk,
        "_bob_member": f"member:{personas.person('bob').person_id}",
        "_ivan": ivan.person_id,
        "_banking_letter": stored_letter(northwind, personas.carol),
    }


# The rightful actor for each kind of path (the first match wins); Alice otherwise.
RIGHTFUL = [
    ("/documents", "carol"),  # an unattached document is its uploader's alone
    ("/requirements/{code}/", "staff"),  # a review; handing one in is the applicant's
    ("/authorize", "staff"),
    ("/suspend", "staff"),
    ("/reinstate", "staff"),
    ("/applications", "bob"),
    ("/access", "dave"),
    ("/machine-accounts", "dave"),
    ("/banking-changes", "carol"),
    ("/tasks/", "bob"),
    ("/certifications", "bob"),
]

APPLICATION = "/api/v1/organizations/{org_id}/applications/{application_id}"
PATH_IDS = {APPLICATION + "/requirements/{code}/fee": {"code": "application-fee"}}
MULTIPART = {"purpose": "test"}  # and a fresh PDF as `file` on every call
REQUIREMENT_FILE: dict = {}  # a fresh PDF as `file` only
SECTION = {"name": "Replay Desk", "email": "replay@northwind.example", "phone": "4165550170"}
BODIES = {
    ("post", "/api/v1/organizations/{org_id}/sections"): lambda ids: {
        **SECTION,
        "roles": ["metering_contact"],
    },
    ("patch", "/api/v1/organizations/{org_id}/sections/{section_id}"): lambda ids: {
        "name": "Replayed Desk"
    },
    ("post", "/api/v1/organizations/{org_id}/contacts"): lambda ids: {
        "person_id": ids["person_id"],
        "role": "invoicing_banking_contact",
    },
    ("post", "/api/v1/organizations/{org_id}/members"): lambda ids: {"person_id": ids["_ivan"]},
    ("post", "/api/v1/organizations/{org_id}/access"): lambda ids: {
        "person_id": ids["person_id"],
        "system": "settlements",
    },
    ("post", "/api/v1/organizations/{org_id}/access-requests"): lambda ids: {"system": "mpi"},
    ("post", "/api/v1/organizations/{org_id}/machine-accounts"): lambda ids: {
        "name": "Another replayed machine",
        "purpose": "Replayed.",
        "system": "metering",
        "owner_person_id": ids["person_id"],
    },
    ("post", "/api/v1/organizations/{org_id}/banking-changes"): lambda ids: {
        **NEW,
        "document_id": ids["_banking_letter"],
    },
    ("post", "/api/v1/tasks/{task_id}/approve"): lambda ids: {"comment": "Looks right."},
    ("post", "/api/v1/tasks/{task_id}/reject"): lambda ids: {"comment": "Unknown bank."},
    ("post", "/api/v1/tasks/{task_id}/accept"): lambda ids: {},
    ("post", "/api/v1/tasks/{task_id}/release"): lambda ids: {},
    ("post", "/api/v1/access-reviews/{review_id}/items/{item_id}/confirm"): lambda ids: {},
    ("post", "/api/v1/access-reviews/{review_id}/items/{item_id}/revoke"): lambda ids: {},
    ("post", "/api/v1/access-reviews/{review_id}/confirm-all"): lambda ids: {},
    ("post", "/api/v1/organizations/{org_id}/certifications/{certification_id}/confirm"): (
        lambda ids: {"key": ids["_bob_member"]}
    ),
    ("post", "/api/v1/organizations/{org_id}/certifications/{certification_id}/confirm-all"): (
        lambda ids: {}
    ),
    ("post", "/api/v1/organizations/{org_id}/certifications/{certification_id}/attest"): (
        lambda ids: {}
    ),
    ("post", "/api/v1/organizations/{org_id}/webhooks"): lambda ids: {
        "url": "http://127.0.0.1:9/replayed",
        "events": ["contact.added"],
    },
    ("post", "/api/v1/organizations/{org_id}/webhooks/{webhook_id}/replay"): lambda ids: {
        "after": "0"
    },
    ("post", "/api/v1/organizations/{org_id}/documents"): lambda ids: MULTIPART,
    ("post", "/api/v1/organizations/{org_id}/applications"): lambda ids: {
        "participation_type": "market-participant",
        "answers": {"national-energy-permit": False},
    },
    ("post", "/api/v1/organizations/{org_id}/applications/{application_id}/withdraw"): (
        lambda ids: {"reason": "Replayed."}
    ),
    ("post", APPLICATION + "/requirements/{code}"): lambda ids: REQUIREMENT_FILE,
    ("post", APPLICATION + "/requirements/{code}/return"): lambda ids: {"reason": "Replayed."},
    ("post", APPLICATION + "/requirements/{code}/fee"): lambda ids: {
        "reference": "R-1",
        "amount": "1130.00",
    },
    ("post", APPLICATION + "/authorize"): lambda ids: {"effective_from": "2026-01-01"},
    ("post", APPLICATION + "/suspend"): lambda ids: {"reason": "Replayed."},
    ("post", APPLICATION + "/comments"): lambda ids: {"body": "Replayed."},
    ("post", "/api/v1/tasks/{task_id}/comments"): lambda ids: {"body": "Replayed."},
}


def _operations(client) -> list[tuple[str, str, dict]]:
    document = client.get("/api/v1/openapi.json").json()
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
            if names:
                found.append((method, path, operation))
    return found


def _call(client, method: str, url: str, token: str, body):
    kwargs = bearer(token)
    if body is MULTIPART or body is REQUIREMENT_FILE:
        return client.post(url, data={**body, "file": upload("letter.pdf", pdf_bytes())}, **kwargs)
    if method in ("post", "patch", "put"):
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def test_another_organizations_credentials_find_nothing_of_northwind(personas, client, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True  # the subscriptions above aim at 127.0.0.1
    ids = _northwind_objects(personas)
    tokens = {name: token_for(getattr(personas, name), "replay") for name in ("frank", "alice")}
    operations = _operations(client)
    assert len(operations) >= 15, "the OpenAPI document lost its operations"
    unknown = []
    for method, path, operation in operations:
        names = [p["name"] for p in operation["parameters"] if p["in"] == "path"]
        if any(name not in ids for name in names) or (
            "requestBody" in operation and (method, path) not in BODIES
        ):
            unknown.append(f"{method.upper()} {path}")
            continue
        url = path.format(**{name: ids[name] for name in names} | PATH_IDS.get(path, {}))
        body = BODIES.get((method, path), lambda ids: None)(ids)
        done_before = AuditEntry.objects.filter(outcome="done").count()

        replay = _call(client, method, url, tokens["frank"], body)
        assert replay.status_code == 404, (
            f"{method.upper()} {url} as Lakeshore's Primary Contact answered "
            f"{replay.status_code}: {replay.content[:200]!r}"
        )
        assert replay.json()["code"] == "not_found"
        assert AuditEntry.objects.filter(outcome="done").count() == done_before, (
            f"{method.upper()} {url} as Lakeshore's Primary Contact changed something"
        )

        who = next((actor for part, actor in RIGHTFUL if part in path), "alice")
        token = tokens.get(who) or tokens.setdefault(who, token_for(getattr(personas, who)))
        if method == "delete":
            continue  # the rightful call would destroy what later operations replay
        rightful = _call(client, method, url, token, body)
        assert rightful.status_code not in (401, 404), (
            f"{method.upper()} {url} as {who} answered {rightful.status_code}: the identifiers "
            f"of this test are not real, so the replay above proved nothing"
        )
    assert not unknown, (
        "Operations this replay test cannot fill in (add their path parameters to "
        f"_northwind_objects and their bodies to BODIES): {unknown}"
    )

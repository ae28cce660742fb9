"""A banking change carries its supporting document (issue 17): a void cheque or a letter
from the bank, checked by its content, seen only by the banking group and staff, opened by
the approvers from the decision page."""

import pytest
from django.urls import reverse

from banking import services
from banking.documents import PURPOSE
from banking.models import BankingChange
from banking.tests.helpers import NEW, letter, sign_in_recently, stored_letter
from core.errors import Invalid, NotFound, RuleViolation
from documents import purposes
from documents.models import Document
from documents.services import store_document
from documents.tests.files import HTML, PNG, upload
from registry.tests.api_helpers import as_persona, call
from tasks.models import Task

pytestmark = pytest.mark.django_db
purposes.register("test", "Test document")  # as the documents tests do


def _page(personas):
    return reverse("banking-organization", args=[personas.northwind.org_id])


def test_the_change_keeps_its_document_and_the_audit_names_it(personas):
    change = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter("cheque.pdf"), actor=personas.carol
    )
    document = change.document
    assert (document.purpose, document.original_name, document.content_type) == (
        PURPOSE,
        "cheque.pdf",
        "application/pdf",
    )
    from audit.models import AuditEntry

    entry = AuditEntry.objects.filter(action="banking.change_submitted").latest("id")
    assert entry.details["document_id"] == document.pk


def test_without_a_document_nothing_is_saved_and_every_correction_is_named_at_once(personas):
    with pytest.raises(Invalid) as exc:
        services.submit_banking_change(
            personas.northwind, data={**NEW, "transit_number": "1"}, actor=personas.carol
        )
    assert set(exc.value.fields) == {"transit_number", "file"}
    assert "Attach a void cheque or a letter from the bank" in exc.value.fields["file"][0]
    assert not BankingChange.objects.exists() and not Document.objects.exists()


@pytest.mark.parametrize(
    ("file", "says"),
    [
        (upload("cheque.pdf", HTML, "application/pdf"), "is not a"),
        (upload("cheque.pdf", PNG, "image/png"), "ends in .pdf"),
        (upload("cheque.pdf", b"", "application/pdf"), "is empty"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_on_the_page(client, personas, file, says):
    sign_in_recently(client, personas.carol)
    response = client.post(_page(personas), {**NEW, "document": file})
    assert response.status_code == 422
    body = response.content.decode()
    assert says in body
    assert body.count(says) == 2  # in the summary, and once under the file field
    assert not BankingChange.objects.exists() and not Document.objects.exists()


def test_the_page_without_a_file_says_what_to_attach_under_the_field(client, personas):
    sign_in_recently(client, personas.carol)
    response = client.post(_page(personas), NEW)
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_document_error"' in body or "id_document" in body
    assert body.count("Attach a void cheque or a letter from the bank") == 2
    assert 'enctype="multipart/form-data"' in body
    assert not BankingChange.objects.exists()


def test_the_pending_change_and_the_decision_page_link_the_document(client, personas):
    change = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter("cheque.pdf"), actor=personas.carol
    )
    download = reverse("documents:download", args=[change.document.pk])
    sign_in_recently(client, personas.carol)
    assert download in client.get(_page(personas)).content.decode()
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    client.force_login(personas.bob)
    body = client.get(reverse("tasks-detail", args=[task.pk])).content.decode()
    assert download in body and "Supporting document" in body
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:4]
        == b"%PDF"
    )


@pytest.mark.parametrize(
    ("user", "sees"),
    [
        ("alice", True),
        ("bob", True),
        ("carol", True),
        ("staff", True),
        ("dave", False),
        ("erin", False),
        ("frank", False),
    ],
)
def test_only_the_banking_group_and_staff_may_open_it(client, personas, user, sees):
    change = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    client.force_login(getattr(personas, user))
    response = client.get(reverse("documents:download", args=[change.document.pk]))
    assert response.status_code == (200 if sees else 404)


def test_a_superseded_change_keeps_its_own_document(personas):
    first = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter("first.pdf"), actor=personas.carol
    )
    second = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter("second.pdf"), actor=personas.carol
    )
    first.refresh_from_db()
    assert first.state == "superseded" and first.document.original_name == "first.pdf"
    assert second.document.original_name == "second.pdf"


# --- The API: upload first (purpose banking_change), then name it by document_id ---


def _submit(personas, body, user="carol"):
    return call(
        as_persona(personas, user),
        "POST",
        f"/organizations/{personas.northwind.org_id}/banking-changes",
        body,
    )


def test_the_api_attaches_a_document_uploaded_first(personas):
    document_id = stored_letter(personas.northwind, personas.carol)
    response = _submit(personas, {**NEW, "document_id": document_id})
    assert response.status_code == 202, response.content
    assert BankingChange.objects.get(pk=response.json()["change_id"]).document_id == document_id


def test_the_api_requires_the_document(personas):
    response = _submit(personas, NEW)
    assert response.status_code == 422
    assert "document_id" in response.json()["fields"]
    assert not BankingChange.objects.exists()


def test_another_organizations_document_is_not_found(personas):
    theirs = stored_letter(personas.lakeshore, personas.grace)
    response = _submit(personas, {**NEW, "document_id": theirs})
    assert response.status_code == 404
    assert not BankingChange.objects.exists()
    with pytest.raises(NotFound):
        services.submit_banking_change(
            personas.northwind, data=NEW, document_id=theirs, actor=personas.carol
        )


def test_a_document_for_another_purpose_is_409_wrong_purpose(personas):
    other = store_document(
        actor=personas.carol, organization=personas.northwind, file=letter(), purpose="test"
    ).pk
    response = _submit(personas, {**NEW, "document_id": other})
    assert (response.status_code, response.json()["code"]) == (409, "wrong_purpose")
    assert not BankingChange.objects.exists()


def test_a_document_already_supporting_a_change_is_409_document_used(personas):
    document_id = stored_letter(personas.northwind, personas.carol)
    assert _submit(personas, {**NEW, "document_id": document_id}).status_code == 202
    response = _submit(personas, {**NEW, "document_id": document_id})
    assert (response.status_code, response.json()["code"]) == (409, "document_used")
    assert BankingChange.objects.count() == 1
    with pytest.raises(RuleViolation):
        services.submit_banking_change(
            personas.northwind, data=NEW, document_id=document_id, actor=personas.carol
        )

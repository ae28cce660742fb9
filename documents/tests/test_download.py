"""Downloading: only through the access check, audited either way, as an attachment that the
browser neither sniffs nor keeps; to anyone else it does not exist."""

import pytest
from django.urls import reverse

from apitokens.tests.helpers import bearer, token_for
from audit.models import AuditEntry
from core.testing import last_audit
from documents import hooks, purposes, services
from documents.tests.files import HTML, pdf, pdf_bytes, upload

pytestmark = pytest.mark.django_db
purposes.register("test", "Test document")


@pytest.fixture
def document(personas):
    return services.store_document(
        actor=personas.carol,
        organization=personas.northwind,
        file=upload("Void cheque (2026).pdf", pdf_bytes()),
        purpose="test",
    )


def _url(document) -> str:
    return reverse("documents:download", args=[document.pk])


def _assert_attachment(response, document):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Void cheque (2026).pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("who", ["carol", "staff"])
def test_the_uploader_and_staff_download_it_and_the_download_is_audited(
    client, personas, document, who
):
    client.force_login(getattr(personas, who))
    _assert_attachment(client.get(_url(document)), document)
    entry = last_audit("document.downloaded")
    assert entry.outcome == "done" and entry.details["document_id"] == document.pk


@pytest.mark.parametrize("who", ["frank", "alice", "erin"])
def test_anyone_else_gets_a_404_and_the_attempt_is_audited(client, personas, document, who):
    """Another organization's contact, and members of the same organization the attaching
    app has not let see it (unattached: only the uploader)."""
    client.force_login(getattr(personas, who))
    before = AuditEntry.objects.filter(action="document.download").count()
    response = client.get(_url(document))
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    refusal = AuditEntry.objects.filter(action="document.download").order_by("-id").first()
    assert AuditEntry.objects.filter(action="document.download").count() == before + 1
    assert refusal.outcome == "refused" and refusal.org_id == personas.northwind.org_id


def test_a_document_that_does_not_exist_is_404(client, personas):
    client.force_login(personas.carol)
    assert client.get("/documents/999999/").status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, document):
    response = client.get(_url(document))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_attaching_app_decides_through_the_hook(client, personas, document):
    def alice_may_see_tests(user, doc):
        if doc.purpose == "test":
            return user.username == "alice"
        return None

    hooks.document_visible.register(alice_may_see_tests)
    try:
        client.force_login(personas.alice)
        _assert_attachment(client.get(_url(document)), document)
        client.force_login(personas.carol)  # the hook answered: the uploader's default is gone
        assert client.get(_url(document)).status_code == 404
    finally:
        hooks.document_visible._reactions.remove(alice_may_see_tests)


def test_a_file_altered_in_storage_is_not_served(client, personas, document):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    storage = storages["documents"]
    storage.delete(document.storage_name)
    storage.save(document.storage_name, ContentFile(b"\x01" + b"\x00" * 64))
    client.force_login(personas.carol)
    client.raise_request_exception = False
    assert client.get(_url(document)).status_code == 500


# --- API ----------------------------------------------------------------------------------


def test_api_download_answers_the_same(client, personas, document):
    token = token_for(personas.carol)
    response = client.get(f"/api/v1/documents/{document.pk}", **bearer(token))
    _assert_attachment(response, document)
    assert last_audit("document.downloaded").actor_id == personas.carol.pk


def test_api_download_by_another_organization_is_404_json(client, personas, document):
    response = client.get(f"/api/v1/documents/{document.pk}", **bearer(token_for(personas.frank)))
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert last_audit().action == "document.download" and last_audit().outcome == "refused"


def test_api_upload_is_multipart_and_answers_201(client, personas):
    response = client.post(
        f"/api/v1/organizations/{personas.northwind.org_id}/documents",
        {"file": pdf("letter.pdf"), "purpose": "test"},
        **bearer(token_for(personas.carol)),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "application/pdf" and body["name"] == "letter.pdf"
    assert len(body["sha256"]) == 64


def test_api_upload_refuses_a_mislabelled_file_422(client, personas):
    response = client.post(
        f"/api/v1/organizations/{personas.northwind.org_id}/documents",
        {"file": upload("page.pdf", HTML), "purpose": "test"},
        **bearer(token_for(personas.carol)),
    )
    assert response.status_code == 422
    assert "file" in response.json()["fields"]


def test_api_upload_over_the_limit_is_413(client, personas, settings):
    settings.DOCUMENTS_MAX_BYTES = 300
    response = client.post(
        f"/api/v1/organizations/{personas.northwind.org_id}/documents",
        {"file": upload("big.pdf", pdf_bytes() + b"\n" * 400), "purpose": "test"},
        **bearer(token_for(personas.carol)),
    )
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_api_upload_to_another_organization_is_404(client, personas):
    response = client.post(
        f"/api/v1/organizations/{personas.northwind.org_id}/documents",
        {"file": pdf(), "purpose": "test"},
        **bearer(token_for(personas.frank)),
    )
    assert response.status_code == 404


def test_other_operations_still_refuse_multipart_415(client, personas):
    response = client.post(
        f"/api/v1/organizations/{personas.northwind.org_id}/banking-changes",
        {"file": pdf()},
        **bearer(token_for(personas.carol)),
    )
    assert response.status_code == 415


def test_openapi_documents_the_upload_as_multipart_and_the_download_as_binary(client):
    schema = client.get("/api/v1/openapi.json").json()
    upload_op = schema["paths"]["/api/v1/organizations/{org_id}/documents"]["post"]
    assert "multipart/form-data" in upload_op["requestBody"]["content"]
    assert {"201", "413", "422"} <= set(upload_op["responses"])
    download = schema["paths"]["/api/v1/documents/{document_id}"]["get"]
    assert "application/pdf" in download["responses"]["200"]["content"]
    assert "404" in download["responses"]

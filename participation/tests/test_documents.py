"""A document requirement is handed in as a file (issue 17): checked by its content and stored
encrypted through the documents app (purpose "participation"), shown on the application and
the review page, downloadable by the organization's members and staff only, submitted again
after a return; the page and the API alike."""

import pytest

from core.errors import Invalid
from core.testing import last_audit
from documents.models import Document
from documents.rules import can_see_document
from documents.tests.files import HTML, pdf, pdf_bytes, upload
from participation import services
from participation.models import Item
from participation.tests.helpers import probe_type
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(personas):
    return services.start_application(
        personas.northwind, probe_type(document=True), answers={}, actor=personas.bob
    )


def _licence(app) -> Item:
    return Item.objects.select_related("document").get(application=app, requirement__code="licence")


def test_the_file_is_stored_for_the_requirement_and_audited(app, personas):
    services.submit_requirement(app, "licence", file=pdf("licence.pdf"), actor=personas.bob)
    item = _licence(app)
    assert item.state == Item.State.SUBMITTED
    assert item.document.purpose == "participation"
    assert item.document.original_name == "licence.pdf"
    assert item.document.organization == personas.northwind
    entry = last_audit("participation.requirement_submitted")
    assert entry.details["document_id"] == item.document.pk


def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_changes(app, personas):
    before = Document.objects.count()
    with pytest.raises(Invalid) as refused:
        services.submit_requirement(
            app, "licence", file=upload("licence.pdf", HTML), actor=personas.bob
        )
    assert "file" in refused.value.fields
    assert Document.objects.count() == before
    assert _licence(app).state == Item.State.PENDING and _licence(app).document is None


def test_no_file_says_to_choose_one(app, personas):
    with pytest.raises(Invalid) as refused:
        services.submit_requirement(app, "licence", actor=personas.bob)
    assert refused.value.fields == {"file": ["Choose a file."]}


def test_returned_then_submitted_again_with_a_new_file(app, personas):
    services.submit_requirement(app, "licence", file=pdf("old.pdf"), actor=personas.bob)
    services.return_requirement(app, "licence", reason="Unsigned.", actor=personas.staff)
    services.submit_requirement(app, "licence", file=pdf("signed.pdf"), actor=personas.bob)
    item = _licence(app)
    assert item.state == Item.State.SUBMITTED and item.document.original_name == "signed.pdf"
    assert last_audit("participation.requirement_resubmitted").details["document_id"] == (
        item.document.pk
    )


@pytest.mark.parametrize("account, sees", [("erin", True), ("staff", True), ("frank", False)])
def test_the_organization_and_staff_see_the_document(app, personas, account, sees):
    services.submit_requirement(app, "licence", file=pdf(), actor=personas.bob)
    assert can_see_document(getattr(personas, account), _licence(app).document) is sees


def test_through_the_pages_upload_show_and_download(app, personas, client):
    client.force_login(personas.bob)
    base = f"/organizations/{personas.northwind.org_id}/applications/{app.pk}"
    bad = client.post(f"{base}/requirements/licence/", {"licence-file": upload("l.pdf", HTML)})
    assert bad.status_code == 422
    assert "whatever its name says" in bad.content.decode()  # under the file field
    response = client.post(f"{base}/requirements/licence/", {"licence-file": pdf("board.pdf")})
    assert response.status_code == 302
    document = _licence(app).document
    page = client.get(f"{base}/").content.decode()
    assert f'href="/documents/{document.pk}/"' in page and "board.pdf" in page
    client.force_login(personas.erin)
    download = client.get(f"/documents/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content if download.streaming else [download.content])[
        :5
    ] == (b"%PDF-")
    client.force_login(personas.frank)
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    client.force_login(personas.staff)
    review = client.get(f"/backoffice/participation/{app.pk}/")
    assert review.status_code == 200
    assert f'href="/documents/{document.pk}/"' in review.content.decode()


def test_through_the_api_a_multipart_submission(app, personas):
    bob = as_persona(personas, "bob")
    url = (
        f"/api/v1/organizations/{personas.northwind.org_id}/applications/{app.pk}"
        "/requirements/licence"
    )
    response = bob.post(url, {"file": upload("api.pdf", pdf_bytes())})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["document_id"] == str(_licence(app).document.pk)
    refused = bob.post(url, {"file": upload("api.pdf", HTML)})
    assert refused.status_code == 422 and "file" in refused.json()["fields"]
    frank = call(as_persona(personas, "frank"), "get", f"/documents/{body['document_id']}")
    assert frank.status_code == 404


def test_through_the_api_a_form_requirement_takes_its_fields(app, personas):
    url = (
        f"/api/v1/organizations/{personas.northwind.org_id}/applications/{app.pk}/requirements/bank"
    )
    response = as_persona(personas, "bob").post(
        url, {"bank_name": "First Canadian Bank", "transit_number": "00011"}
    )
    assert response.status_code == 200, response.content
    item = Item.objects.get(application=app, requirement__code="bank")
    assert item.values == {"bank_name": "First Canadian Bank", "transit_number": "00011"}

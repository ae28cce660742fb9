"""Storing a document: checked by its content, size-limited, hashed, encrypted at rest; every
bad upload is refused with a sentence and leaves nothing behind."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.storage import storages

from core.errors import Forbidden, Invalid, NotFound, TooLarge
from core.testing import last_audit
from documents import purposes, services
from documents.models import Document
from documents.tests.files import HTML, JPEG, PNG, pdf, pdf_bytes, upload

pytestmark = pytest.mark.django_db
purposes.register("test", "Test document")


def _stored_files() -> set[str]:
    root = Path(storages["documents"].location)
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _store(personas, file, *, actor=None, org=None):
    return services.store_document(
        actor=actor or personas.carol,
        organization=org or personas.northwind,
        file=file,
        purpose="test",
    )


@pytest.mark.parametrize(
    "name, content, mime",
    [
        ("letter.pdf", pdf_bytes(), "application/pdf"),
        ("cheque.png", PNG, "image/png"),
        ("cheque.jpg", JPEG, "image/jpeg"),
        ("cheque.JPEG", JPEG, "image/jpeg"),
        ("no-extension", PNG, "image/png"),
    ],
)
def test_accepted_types_are_stored_with_their_detected_type_and_hash(personas, name, content, mime):
    document = _store(personas, upload(name, content, "application/octet-stream"))
    assert document.content_type == mime
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.original_name == name
    entry = last_audit("document.stored")
    assert entry.details["sha256"] == document.sha256
    assert entry.org_id == personas.northwind.org_id


def test_the_file_is_encrypted_at_rest_and_reads_back(personas):
    content = pdf_bytes()
    document = _store(personas, upload("letter.pdf", content))
    with storages["documents"].open(document.storage_name, "rb") as stored:
        blob = stored.read()
    assert b"%PDF" not in blob and content not in blob
    assert services.read_document(document, actor=personas.carol) == content


def test_the_storage_name_is_random_and_keeps_no_part_of_the_persons_name(personas):
    document = _store(personas, upload("../../etc/passwd.pdf", pdf_bytes()))
    assert document.original_name == "passwd.pdf"
    assert "passwd" not in document.storage_name and ".." not in document.storage_name


BAD = [
    ("empty.pdf", b"", "empty", "is empty"),
    ("cheque.pdf", PNG, "mislabelled", "is a PNG file but its name ends in .pdf"),
    ("page.pdf", HTML, "type_not_accepted", "is not a PDF, PNG or JPEG file"),
    ("notes.txt", b"just some text", "type_not_accepted", "is not a PDF, PNG or JPEG file"),
    ("locked.pdf", pdf_bytes(password="secret"), "encrypted", "password-protected"),
    ("broken.pdf", b"%PDF-1.7\n garbage", "damaged", "damaged"),
]


@pytest.mark.parametrize("name, content, code, words", BAD)
def test_bad_uploads_are_refused_with_a_sentence_and_nothing_is_stored(
    personas, name, content, code, words
):
    before_rows, before_files = Document.objects.count(), _stored_files()
    with pytest.raises(Invalid) as refused:
        _store(personas, upload(name, content))
    assert refused.value.code == code
    assert words in refused.value.fields["file"][0]
    assert refused.value.message.endswith(".")
    assert Document.objects.count() == before_rows
    assert _stored_files() == before_files


def test_an_oversized_upload_is_too_large_413_and_nothing_is_stored(personas, settings):
    settings.DOCUMENTS_MAX_BYTES = 1000
    before_rows, before_files = Document.objects.count(), _stored_files()
    with pytest.raises(TooLarge) as refused:
        _store(personas, upload("big.png", PNG + b"\x00" * 1000, "image/png"))
    assert refused.value.status == 413
    assert "larger than 1000" in refused.value.message
    assert Document.objects.count() == before_rows and _stored_files() == before_files


def test_exactly_the_limit_is_accepted(personas, settings):
    content = PNG + b"\x00" * 100
    settings.DOCUMENTS_MAX_BYTES = len(content)
    assert _store(personas, upload("max.png", content, "image/png")).size == len(content)


def test_accepted_types_are_configurable(personas, settings):
    settings.DOCUMENTS_ACCEPTED_TYPES = ["application/pdf"]
    with pytest.raises(Invalid) as refused:
        _store(personas, upload("cheque.png", PNG, "image/png"))
    assert "is not a PDF file" in refused.value.message
    assert _store(personas, pdf()).content_type == "application/pdf"


def test_an_unknown_purpose_is_not_found_and_nothing_is_stored(personas):
    before = Document.objects.count()
    with pytest.raises(NotFound) as refused:
        services.store_document(
            actor=personas.carol, organization=personas.northwind, file=pdf(), purpose="nope"
        )
    assert "No kind of document called 'nope'" in refused.value.message
    assert "test" in refused.value.fields["purpose"][0]
    assert Document.objects.count() == before


def test_someone_outside_the_organization_cannot_store_its_documents(personas):
    before = Document.objects.count()
    with pytest.raises(Forbidden):
        _store(personas, pdf(), actor=personas.frank, org=personas.northwind)
    assert Document.objects.count() == before
    assert last_audit().outcome == "refused"


def test_operator_staff_may_store_for_any_organization(personas):
    assert _store(personas, pdf(), actor=personas.staff, org=personas.lakeshore).pk

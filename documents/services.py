"""Documents: store an upload (checked by its content, encrypted, audited) and read one back
for someone allowed to see it (audited; to anyone else it does not exist, and the attempt is
audited as a refusal)."""

import hashlib
import io
import os
import unicodedata
import uuid

import puremagic
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from audit.log import record
from core.errors import Invalid, NotFound, TooLarge, require
from core.services import service
from core.text import file_size, or_list, sentence
from documents import crypto, purposes, types
from documents.models import Document
from documents.rules import can_see_document, can_store_for
from registry.models import Organization

FIELD = "file"
NAME_MAX = 200
CHUNK = 64 * 1024


def storage():
    return storages["documents"]


def _refuse(message: str, *, code: str = "invalid", error=Invalid) -> None:
    raise error(message, code=code, fields={FIELD: [message]})


NOT_ACCEPTED = _(
    "This file is not a {phrase} file, whatever its name says. Upload a {phrase} file."
)


def _accepted_words() -> str:
    return or_list([t.label for t in types.accepted_types()])


# "PDF or JPEG" in the language the refusal is read in.
_accepted_phrase = lazy(_accepted_words, str)


def _read(file) -> bytes:
    """The upload's bytes, reading no more than one byte over the limit."""
    limit = settings.DOCUMENTS_MAX_BYTES
    if hasattr(file, "seek"):
        file.seek(0)
    parts, total = [], 0
    while total <= limit:
        chunk = file.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def clean_name(name: str) -> str:
    """The file's name as the person knows it, without any folder, control characters or
    excess length (the extension kept)."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(base) > NAME_MAX:
        stem, ext = os.path.splitext(base)
        base = stem[: NAME_MAX - len(ext[:20])] + ext[:20]
    return base or "document"


def detect(content: bytes, name: str) -> types.FileType:
    """The type the content is, if it is accepted and the name does not claim another."""
    accepted = types.accepted_types()
    phrase = _accepted_phrase()
    try:
        matches = puremagic.magic_string(content[:8192])
    except (puremagic.PureError, ValueError):
        matches = []
    best = max((m.confidence for m in matches), default=0)
    mimes = {m.mime_type for m in matches if m.confidence == best}
    found = next((t for t in accepted if t.mime in mimes and content.startswith(t.signature)), None)
    if found is None:
        _refuse(
            sentence(
                NOT_ACCEPTED,
                phrase=phrase,
            ),
            code="type_not_accepted",
        )
    extension = os.path.splitext(name)[1].lower()
    if extension and extension not in found.extensions:
        _refuse(
            sentence(
                _(
                    "This file is a {type} file but its name ends in {extension}. Rename it to "
                    "end in {expected} (or upload the file its name promises)."
                ),
                type=found.label,
                extension=extension,
                expected=sorted(found.extensions)[0],
            ),
            code="mislabelled",
        )
    return found


def _check_pdf(content: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(content))
        encrypted = reader.is_encrypted
        if not encrypted:
            len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        _refuse(
            _("This PDF file is damaged and cannot be read. Save it again and upload the copy."),
            code="damaged",
        )
    if encrypted:
        _refuse(
            _(
                "This PDF is password-protected or encrypted, so nobody here could open it. "
                "Save a copy without a password and upload that."
            ),
            code="encrypted",
        )


def validate_upload(file) -> tuple[bytes, str, types.FileType]:
    """The content, the cleaned name and the detected type, or Invalid with a sentence."""
    if file is None:
        _refuse(_("Choose a file to upload."), code="required")
    name = clean_name(getattr(file, "name", "") or "")
    content = _read(file)
    limit = settings.DOCUMENTS_MAX_BYTES
    if not content:
        _refuse(
            sentence(_("The file {name} is empty (0 bytes). Choose the file again."), name=name),
            code="empty",
        )
    if len(content) > limit:
        _refuse(
            sentence(
                _(
                    "The file {name} is larger than {size}. Upload a smaller file (a scan at a "
                    "lower resolution, for instance)."
                ),
                name=name,
                size=file_size(limit),
            ),
            code="too_large",
            error=TooLarge,
        )
    kind = detect(content, name)
    if kind.mime == "application/pdf":
        _check_pdf(content)
    return content, name, kind


@service("document.store", org="organization", target=None)
def store_document(*, actor, organization: Organization, file, purpose: str) -> Document:
    """Check an upload by its content, keep it encrypted in STORAGES["documents"] and record
    it. What the document is attached to is the calling service's permission decision; this
    one only checks the actor belongs to the organization (or is operator staff)."""
    require(
        can_store_for(actor, organization),
        sentence(_("Only members of {org} can upload its documents."), org=organization.legal_name),
    )
    if not purposes.known(purpose):
        # A purpose is a code naming what the document is for, as a role code names a role:
        # one that does not exist is not found (404), whichever channel named it.
        raise NotFound(
            sentence(
                _("No kind of document called {purpose!r} is taken here."),
                purpose=str(purpose)[:60],
            ),
            fields={
                "purpose": [
                    sentence(_("Choose one of: {codes}."), codes=", ".join(purposes.codes()))
                    if purposes.codes()
                    else _("Choose one of: none yet.")
                ]
            },
        )
    content, name, kind = validate_upload(file)
    storage_name = f"{organization.org_id}/{uuid.uuid4().hex}"
    blob = crypto.encrypt(organization.org_id, storage_name, content)
    saved = storage().save(storage_name, ContentFile(blob))
    if saved != storage_name:  # the storage renamed it: the name is bound into the ciphertext
        storage().delete(saved)
        raise RuntimeError(f"Document storage renamed {storage_name} to {saved}.")
    document = Document.objects.create(
        organization=organization,
        purpose=purpose,
        original_name=name,
        content_type=kind.mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_name=storage_name,
        uploaded_by=actor,
    )
    record(
        actor,
        "document.stored",
        org=organization,
        target=document,
        details={
            "document_id": document.pk,
            "purpose": purpose,
            "type": kind.mime,
            "size": document.size,
            "sha256": document.sha256,
        },
    )
    return document


@service("document.download", org="document.organization", target="document")
def read_document(document: Document, *, actor) -> bytes:
    """The document's content for someone allowed to see it; every download is audited, and
    so is every refusal (which is a 404: to them the document does not exist)."""
    if not can_see_document(actor, document):
        raise NotFound(_("That document does not exist or you may not see it."))
    with storage().open(document.storage_name, "rb") as stored:
        blob = stored.read()
    content = crypto.decrypt(document.organization.org_id, document.storage_name, blob)
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise crypto.DecryptionFailed("The stored document does not match its SHA-256.")
    record(
        actor,
        "document.downloaded",
        org=document.organization,
        target=document,
        details={"document_id": document.pk, "purpose": document.purpose},
    )
    return content

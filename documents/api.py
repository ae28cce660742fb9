"""The documents operations of the JSON API: upload (multipart) and download, through the same
services as the pages."""

from datetime import datetime

from django.conf import settings
from ninja import Field, File, Form, Router, Status
from ninja.files import UploadedFile

from core.api import Schema, accepts_files, errors, responses
from documents import services, types
from documents.access import find_document
from documents.responses import attachment
from registry.access import get_organization_for

router = Router(tags=["documents"])


class DocumentOut(Schema):
    document_id: int
    org_id: int
    purpose: str
    name: str = Field(description="The file's name as uploaded (without any folder).")
    content_type: str = Field(description="The type detected from the content.")
    size: int = Field(description="In bytes.")
    sha256: str
    uploaded_at: datetime


def document_out(document) -> dict:
    return {
        "document_id": document.pk,
        "org_id": document.organization.org_id,
        "purpose": document.purpose,
        "name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "uploaded_at": document.uploaded_at,
    }


def _binary_responses() -> dict:
    binary = {"schema": {"type": "string", "format": "binary"}}
    content = {mime: binary for mime in types.KNOWN_TYPES}
    return {
        "responses": {
            200: {
                "description": (
                    "The file, as an attachment (Content-Disposition: attachment, "
                    "X-Content-Type-Options: nosniff, Cache-Control: no-store)."
                ),
                "content": content,
            }
        }
    }


@router.get(
    "/documents/{document_id}",
    response=errors(404),
    operation_id="download_document",
    summary="Download a document (the organization's members who may see what it is attached "
    "to, and operator staff); audited; 404 to everyone else",
    openapi_extra=_binary_responses(),
)
def download_document(request, document_id: int):
    document = find_document(document_id)
    return attachment(document, services.read_document(document, actor=request.auth))


def upload_encoding() -> dict:
    """The file part's accepted types (DOCUMENTS_ACCEPTED_TYPES), checked by content."""
    accepted = ", ".join(settings.DOCUMENTS_ACCEPTED_TYPES)
    return {
        "requestBody": {
            "content": {"multipart/form-data": {"encoding": {"file": {"contentType": accepted}}}}
        }
    }


@router.post(
    "/organizations/{org_id}/documents",
    response=responses(201, DocumentOut, 403, 404),
    operation_id="store_document",
    summary="Upload a document (multipart/form-data: `file`, `purpose`), checked by its content; "
    "413 over the size limit, 422 a type not accepted. Attach it by its document_id "
    "(e.g. a banking change's `document_id`)",
    openapi_extra=upload_encoding(),
)
@accepts_files
def store_document(
    request,
    org_id: int,
    file: File[UploadedFile],
    purpose: str = Form(
        ...,
        min_length=1,
        max_length=60,
        pattern=r"^[a-z][a-z0-9_]*$",
        description="What it is for, e.g. participation_requirement (404 for a kind of "
        "document the portal does not take).",
    ),
):
    org = get_organization_for(request.auth, org_id)
    document = services.store_document(
        actor=request.auth, organization=org, file=file, purpose=purpose
    )
    return Status(201, document_out(document))

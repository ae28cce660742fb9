"""Downloading a document: find it, let the service decide and audit, answer an attachment."""

from django.views.decorators.http import require_GET

from documents import services
from documents.access import find_document
from documents.responses import attachment


@require_GET
def download(request, document_id: int):
    document = find_document(document_id)
    content = services.read_document(document, actor=request.user)  # NotFound: the 404 page
    return attachment(document, content)

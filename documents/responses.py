"""The one way a document leaves the portal: as an attachment the browser will not sniff,
render, or keep."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from documents.models import Document


def attachment(document: Document, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.original_name
    )
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    # Even if opened in place, nothing in it may run or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

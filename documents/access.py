"""Finding a document by its number. Deliberately *not* an authorization: whether the person
may see it is `documents.services.read_document`'s question, so that a refusal is audited (a
document that does not exist at all is simply not found)."""

from django.utils.translation import gettext_lazy as _

from core.access import as_id
from core.errors import NotFound
from documents.models import Document


def find_document(document_id) -> Document:
    number = as_id(document_id)
    document = (
        Document.objects.select_related("organization").filter(pk=number).first()
        if number is not None
        else None
    )
    if document is None:
        raise NotFound(_("That document does not exist or you may not see it."))
    return document

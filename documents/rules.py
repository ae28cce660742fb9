"""Who may see a document: one question, asked by the download page, the API and templates."""

from documents import hooks
from documents.models import Document
from registry.models import Organization
from registry.rules import is_operator_staff


def can_see_document(user, document: Document) -> bool:
    """Operator staff; else whatever the app that attached it answers (`document_visible`);
    else only its uploader, while still a member of the organization."""
    if not user.is_authenticated:
        return False
    if is_operator_staff(user):
        return True
    for answer in hooks.document_visible(user, document):
        if answer is not None:
            return bool(answer)
    return (
        document.uploaded_by_id == user.pk
        and Organization.objects.visible_to(user).filter(pk=document.organization_id).exists()
    )


def can_store_for(user, organization: Organization) -> bool:
    """Members of the organization and operator staff may store its documents (what the file
    is attached to is the calling service's decision)."""
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()

"""The documents an application's requirements carry (issue 17): stored through the documents
app under the purpose "participation", and seen by whoever may see the application."""

from registry.models import Organization

PURPOSE = "participation"


def document_visible(user, document) -> bool | None:
    """A participation document is the organization's, as its applications are: every member
    sees it (operator staff always may). Other purposes are not this app's to answer."""
    if document.purpose != PURPOSE:
        return None
    return Organization.objects.visible_to(user).filter(pk=document.organization_id).exists()

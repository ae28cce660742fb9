"""The supporting document of a banking change (a void cheque or a letter from the bank):
stored through the documents app under the purpose "banking_change", and seen by whoever may
see the organization's banking information (its banking group, and operator staff)."""

from django.utils.translation import gettext_lazy as _

from banking.rules import can_view_banking

PURPOSE = "banking_change"
LABEL = _("Void cheque or bank letter")


def document_visible(user, document) -> bool | None:
    """A banking change's document is for the banking group only, as the change is; other
    purposes are not this app's to answer."""
    if document.purpose != PURPOSE:
        return None
    return can_view_banking(user, document.organization)

"""Fetch-and-authorize a thread: a subject whose thread the user may not read is not found."""

from django.utils.translation import gettext_lazy as _

from conversations.threads import Thread, get_kind
from core.access import as_id
from core.errors import NotFound
from core.text import sentence


def get_thread_for(user, kind_code: str, subject_id) -> Thread:
    kind = get_kind(kind_code)
    number = as_id(subject_id)
    subject = kind.find(user, number) if number is not None and user.is_authenticated else None
    if subject is None:
        raise NotFound(
            sentence(
                _("There is no such {kind}, or its conversation is not yours to see."),
                kind=kind.label,
            )
        )
    return Thread(kind, subject)

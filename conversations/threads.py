"""The registry of thread kinds: what a comment thread hangs on, who reads it, who may write,
who hears of a new comment, and where its subject's page is.

An app whose objects carry a conversation registers its kind once, in AppConfig.ready():

    conversations.threads.register(ThreadKind(code="application", label="application", ...))

The services and pages ask only these functions, so a thread's rules live with its subject.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError, NotFound
from core.text import sentence


@dataclass(frozen=True)
class ThreadKind:
    code: str
    # How a person names one subject of this kind: "task", "application" (+ its number).
    label: str
    # (user, number) -> the subject, if the user may read its thread; else None.
    find: Callable[[Any, int], Any]
    # subject -> its Organization (the comments are private to it and the operator).
    organization: Callable[[Any], Any]
    # subject -> a title for e-mail and pages ("Approve banking information change 42").
    title: Callable[[Any], str]
    # (user, subject) -> why the user may not write in the thread now, or None.
    write_refusal: Callable[[Any, Any], DomainError | None]
    # subject -> the accounts that read the thread and hear of a new comment (a queryset).
    audience: Callable[[Any], Any]
    # (user, subject) -> the page where the user sees the subject with its thread, or None
    # when the user reads the thread only on its own page (a task's requester).
    url: Callable[[Any, Any], str | None]
    # user -> the numbers of the subjects whose threads the user may read (a subquery, for
    # News: one query whatever the number of threads).
    readable_ids: Callable[[Any], Any]
    # Who reads the thread, in words for the page ("{org}": the organization's name).
    readers: str = _("{org} and operator staff")


_KINDS: dict[str, ThreadKind] = {}


def register(kind: ThreadKind) -> ThreadKind:
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> ThreadKind:
    kind = _KINDS.get(code)
    if kind is None:
        raise NotFound(_("There is no such conversation."))
    return kind


def registered_kinds() -> list[ThreadKind]:
    return list(_KINDS.values())


@dataclass(frozen=True)
class Thread:
    """One subject's conversation, as the user found it."""

    kind: ThreadKind
    subject: Any

    @property
    def organization(self):
        return self.kind.organization(self.subject)

    @property
    def subject_id(self) -> int:
        return self.subject.pk

    @property
    def page_url(self) -> str:
        """The conversation's own page (every reader may open it; the link in e-mail)."""
        from django.urls import reverse

        return reverse("conversation", args=[self.kind.code, self.subject_id])

    @property
    def title(self) -> str:
        return self.kind.title(self.subject)

    @property
    def readers(self) -> str:
        org = self.organization
        if org is None:
            return _("operator staff")
        return sentence(self.kind.readers, org=org.legal_name)

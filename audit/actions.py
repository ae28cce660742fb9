"""The audit vocabulary: every code the portal writes to the audit log, with its sentences.

Each app registers its actions in `<app>/actions.py`, imported by its AppConfig.ready():

    register(
        Action(
            "contact.removed",  # written by audit.log.record when it happened
            done="{actor} removed {target} as {role} of {org}.",
            attempt="remove {target} as {role} of {org}",  # what was tried, when refused
            service="contact.remove",  # the @service code its refusals are written under
        ),
    )

A refusal reads "{actor} tried to <attempt> and was refused: <the refusal's sentence>".
`audit.log.record` refuses a code nobody registered (under tests and DEBUG; in production it
writes the entry and logs the gap), and `audit/tests/test_actions.py` finds every code the
code base writes and checks that it has both sentences.

Placeholders: {actor}, {target}, {org}, and any string in the entry's details ({role} and
{system} read `role_name` and `system_name`, as the services record them).

Every entry that records a change done in an organization is also an *event* of that
organization (its feed and its webhooks, the `integrations` app): the event's type is
`Action.event_type`, the code itself unless `event` names another; an action that changes
nothing (a search, a reveal, a download) says `change=False` and is no event, and one that is
never filed under an organization (the operator's catalogue, a person's own account) says
`organization=False`: no organization's webhook could ever receive it, so none is offered it.
"""

import logging
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop


@dataclass(frozen=True)
class Action:
    code: str
    done: str
    attempt: str
    service: str | tuple[str, ...] = ""  # one @service code, or several
    # A refusal's sentence other than "{actor} tried to <attempt> and was refused: {reason}".
    refused: str = ""
    # The event type subscribers see (integrations); empty: the code itself.
    event: str = ""
    # False for what is audited but changes nothing (reading, searching): no event.
    change: bool = True
    # False for what is never filed under an organization (operator-wide or a person's own).
    organization: bool = True
    # What the event means for a subscriber choosing events, where the attempt's phrase would
    # not say it ("sign in" for an account locked); empty: built from `attempt`.
    summary: str = ""

    @property
    def event_type(self) -> str:
        return self.event or self.code


class UnknownAction(LookupError):
    """A code the audit vocabulary does not know: register it in `<app>/actions.py`."""


_ACTIONS: dict[str, Action] = {}


def register(*actions: Action) -> None:
    for action in actions:
        services = (action.service,) if isinstance(action.service, str) else action.service
        for code in filter(None, [action.code, *services]):
            known = _ACTIONS.get(code)
            if known is not None and known != action and code == known.code:
                raise ValueError(f"The audit code {code!r} is registered twice.")
            _ACTIONS.setdefault(code, action)


def get(code: str) -> Action:
    try:
        return _ACTIONS[code]
    except KeyError:
        raise UnknownAction(
            f"No audit action {code!r}: register it in its app's actions.py."
        ) from None


_reported: set[str] = set()


def report_unknown(code: str) -> None:
    """Log a code without sentences, once per process (not once per row of an export)."""
    if code not in _reported:
        _reported.add(code)
        logging.getLogger(__name__).error(
            "The audit code %r has no sentences: register it in its app's actions.py.", code
        )


def is_known(code: str) -> bool:
    return code in _ACTIONS


def event_type(code: str) -> str | None:
    """The event type of an entry written under `code` (None: it is no event). A code nobody
    registered is its own event type."""
    action = _ACTIONS.get(code)
    if action is None:
        return code
    if action.code != code or not action.change:
        return None  # a @service code (refusals only) or a read
    return action.event_type


def event_types() -> list[str]:
    """Every event type an organization's feed and webhooks can carry, sorted."""
    return sorted({a.event_type for a in _ACTIONS.values() if a.change and a.organization})


_GENERIC = {
    "org": gettext_noop("the organization"),
    "target": gettext_noop("someone"),
    "actor": gettext_noop("someone"),
    "system": gettext_noop("a system"),
    "role": gettext_noop("a role"),
    "level": gettext_noop("a level"),
    "participation_type": gettext_noop("a participation type"),
    "participation_type_name": gettext_noop("a participation type"),
    "requirement_name": gettext_noop("a requirement"),
    "account": gettext_noop("an account"),
    "user_name": gettext_noop("someone"),
}


# What "{target}" stands for in an event type's description, by the code (or its noun) where
# it is not a person; "" where the phrase already names the thing ("the webhook {target}").
_TARGET_NOUNS = {
    "task": gettext_noop("a task"),
    "section": gettext_noop("a section"),
    "machine_account": gettext_noop("a machine account"),
    "webhook": "",
    "api_token": "",
    "scim_token": "",
    "scim_group": gettext_noop("a role"),
    "comment": gettext_noop("a task or an application"),
    "application": "",
}


class _Generic(dict):
    def __init__(self, code: str = ""):
        super().__init__()
        noun = _TARGET_NOUNS.get(code, _TARGET_NOUNS.get(code.split(".")[0]))
        if noun is not None:
            self["target"] = gettext(noun) if noun else ""

    def __missing__(self, key: str) -> str:
        return gettext(_GENERIC[key]) if key in _GENERIC else "…"


def event_description(event_type: str) -> str:
    """What an event type means, in words ("Add someone to the organization"), from the
    action's own phrase, in the active language; for a subscriber choosing events."""
    action = next((a for a in _ACTIONS.values() if a.event_type == event_type), None)
    if action is None:
        return event_type
    if action.summary:
        return gettext(action.summary)
    phrase = " ".join(gettext(action.attempt).format_map(_Generic(action.code)).split())
    return phrase[:1].upper() + phrase[1:]


def all_actions() -> list[Action]:
    return sorted(set(_ACTIONS.values()), key=lambda a: a.code)

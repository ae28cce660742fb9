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
"""

import logging
from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    code: str
    done: str
    attempt: str
    service: str | tuple[str, ...] = ""  # one @service code, or several
    # A refusal's sentence other than "{actor} tried to <attempt> and was refused: {reason}".
    refused: str = ""

    @property
    def refused_sentence(self) -> str:
        return self.refused or "{actor} tried to " + self.attempt + " and was refused: {reason}"


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


def all_actions() -> list[Action]:
    return sorted(set(_ACTIONS.values()), key=lambda a: a.code)

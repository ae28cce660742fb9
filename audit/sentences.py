"""The one place that turns audit entries into sentences for people: each code's sentences
are registered with it (`audit/actions.py`, filled by every app's `actions.py`)."""

import logging

from audit import actions
from audit.models import AuditEntry
from core.text import end_sentence, sentence

logger = logging.getLogger(__name__)


class _Values(dict):
    """The placeholders of a sentence; one the entry lacks reads as a plain noun phrase."""

    def __missing__(self, key: str) -> str:
        return {"role": "a contact", "system": "a system", "target": "an item"}.get(key, "")


def _values(entry: AuditEntry) -> _Values:
    details = entry.details or {}
    values = _Values({k: str(v) for k, v in details.items() if isinstance(v, str | int)})
    actor = entry.actor_label
    values["actor"] = "Someone" if not actor or actor == "anonymous" else actor
    if entry.target_label:
        values["target"] = entry.target_label
    values["org"] = entry.org_label or "the organization"
    if details.get("role_name"):
        values["role"] = details["role_name"]
    if details.get("system_name"):
        values["system"] = details["system_name"]
    return values


def describe(entry: AuditEntry) -> str:
    try:
        action = actions.get(entry.action)
    except actions.UnknownAction:
        actions.report_unknown(entry.action)
        return "An action the portal has no words for was recorded."
    values = _values(entry)
    if entry.outcome != AuditEntry.Outcome.REFUSED:
        return _format(action.done, values)
    if not values.get("reason"):
        template = action.refused or "{actor} tried to " + action.attempt + " and was refused."
        return _format(template, values)
    values["reason"] = end_sentence(values["reason"])
    return _format(action.refused_sentence, values)


def _format(template: str, values: _Values) -> str:
    import string

    names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    return sentence(template, **{name: values[name] for name in names})

"""The one place that turns audit entries into sentences for people: each code's sentences
are registered with it (`audit/actions.py`, filled by every app's `actions.py`).

The sentences are put together when they are read, in the reader's language: each app's
`actions.py` marks its English with `gettext_noop` (so its catalogue holds the French), and
`describe` looks each template up in the active language. A refusal's reason is stored in
English (the audit log's language); one that is a sentence of the catalogue reads in French
too, one put together with names stays English.
"""

import logging

from django.utils.translation import gettext, gettext_noop

from audit import actions
from audit.models import AuditEntry
from core.text import end_sentence, sentence

# A refusal without a sentence of its own: "{attempt}" is the action's attempt phrase.
REFUSED = gettext_noop("{actor} tried to {attempt} and was refused: {reason}")
REFUSED_NO_REASON = gettext_noop("{actor} tried to {attempt} and was refused.")

logger = logging.getLogger(__name__)


class _Values(dict):
    """The placeholders of a sentence; one the entry lacks reads as a plain noun phrase."""

    def __missing__(self, key: str) -> str:
        noun = _MISSING.get(key)
        return gettext(noun) if noun else ""


_MISSING = {
    "role": gettext_noop("a contact"),
    "system": gettext_noop("a system"),
    "target": gettext_noop("an item"),
}


# Targets whose stored label (English, as the model writes it) reads in the reader's language:
# the English around the name, and the sentence it is read as.
_LABELS = {
    "section": ("the section ", "", gettext_noop("the section {name}")),
    "machine_account": (
        "the machine account “",
        "”",
        gettext_noop("the machine account “{name}”"),
    ),
}


def _target(entry: AuditEntry) -> str:
    label = entry.target_label
    known = _LABELS.get(entry.target_type)
    if known is None:
        return label
    prefix, suffix, template = known
    if not (label.startswith(prefix) and label.endswith(suffix)):
        return label  # cut short at 200 characters, or written before: as stored
    name = label[len(prefix) : len(label) - len(suffix)]
    return sentence(gettext(template), name=name) if name else label


def _values(entry: AuditEntry) -> _Values:
    details = entry.details or {}
    values = _Values({k: str(v) for k, v in details.items() if isinstance(v, str | int)})
    actor = entry.actor_label
    values["actor"] = gettext("Someone") if not actor or actor == "anonymous" else actor
    if entry.target_label:
        values["target"] = _target(entry)
    values["org"] = entry.org_label or gettext("the organization")
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
        return gettext("An action the portal has no words for was recorded.")
    values = _values(entry)
    if entry.outcome != AuditEntry.Outcome.REFUSED:
        return _format(gettext(action.done), values)
    if action.refused:
        template = gettext(action.refused)
    else:
        composition = gettext(REFUSED if values.get("reason") else REFUSED_NO_REASON)
        template = composition.replace("{attempt}", gettext(action.attempt))
    if values.get("reason"):
        values["reason"] = end_sentence(gettext(values["reason"]))
    return _format(template, values)


def _format(template: str, values: _Values) -> str:
    import string

    names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    return sentence(template, **{name: values[name] for name in names})

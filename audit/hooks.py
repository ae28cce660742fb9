"""What the audit log announces (see core/hooks.py)."""

from core.hooks import Hook

recorded = Hook(
    "recorded",
    "(entry, *, actor, org, target): an entry was written, done or refused; called inside its "
    "transaction, under its chain's lock (integrations turns the organization's changes into "
    "events).",
)

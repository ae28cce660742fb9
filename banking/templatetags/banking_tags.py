"""Template hooks other apps' pages use: the Update Banking Information card, an
organization's banking status (masked)."""

from django import template
from django.utils.translation import gettext_lazy as _

from banking import queries
from banking.rules import submits_banking_somewhere

register = template.Library()


@register.simple_tag
def can_update_banking(user) -> bool:
    """Whether to offer Update Banking Information (`banking.rules`, one query)."""
    return submits_banking_somewhere(user)


@register.simple_tag
def banking_status(org) -> dict:
    """The information in force and the pending change, both masked (two queries); for the
    back office's organization page (staff may view banking: `banking.rules`)."""
    return queries.banking_summary(org)


@register.simple_tag
def banking_comparison(change, org) -> list[dict]:
    """The banking information in force beside a proposed change, row by row, each saying
    whether it changes; numbers stay masked (one query: the information in force). `org` is
    the change's organization (its Organization ID binds the ciphertext)."""
    from banking import crypto
    from banking.models import BankingInformation

    current = BankingInformation.objects.filter(organization_id=change.organization_id).first()
    proposed_numbers = crypto.decrypt(org.org_id, change.numbers)
    current_numbers = crypto.decrypt(org.org_id, current.numbers) if current is not None else {}

    def row(label: str, now: str, new: str, changed: bool) -> dict:
        return {"label": label, "current": now, "proposed": new, "changed": changed}

    none = _("None on file")
    rows = [
        row(
            _("Bank"),
            current.bank_name if current else none,
            change.bank_name,
            current is None or current.bank_name != change.bank_name,
        )
    ]
    for key, label in [
        ("institution", _("Institution number")),
        ("transit", _("Transit number")),
    ]:
        rows.append(
            row(
                label,
                _("Hidden") if current else none,
                _("Hidden"),
                current_numbers.get(key) != proposed_numbers.get(key),
            )
        )
    rows.append(
        row(
            _("Account"),
            current.masked_account if current else none,
            change.masked_account,
            current_numbers.get("account") != proposed_numbers.get("account"),
        )
    )
    rows.append(
        row(
            _("Currency"),
            current.get_currency_display() if current else none,
            change.get_currency_display(),
            current is None or current.currency != change.currency,
        )
    )
    return rows

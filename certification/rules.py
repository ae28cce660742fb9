"""Who may certify, and who may read a certification: one predicate each, asked by the
services (require) and by the pages (to offer, or to say why not)."""

from django.utils.translation import gettext_lazy as _

from core.text import sentence
from registry.rules import AUDIT_READERS, Role, is_operator_staff, role_codes


def certify_refusal(user, certification) -> str | None:
    """Why `user` may not confirm entries of, or attest, this certification; None if they may.
    The organization's Authorized Representatives certify; operator staff once it has been
    escalated to them past its deadline."""
    org = certification.organization
    if not certification.is_undecided:
        return sentence(
            _("This certification was attested on {date}."),
            date=f"{certification.attested_at:%Y-%m-%d}",
        )
    if Role.AUTHORIZED_REPRESENTATIVE in role_codes(user, org):
        return None
    if is_operator_staff(user):
        if certification.state == certification.State.ESCALATED:
            return None
        return sentence(
            _(
                "Operator staff certify for {org} only once its certification has been "
                "escalated to them, after its deadline ({deadline})."
            ),
            org=org.legal_name,
            deadline=f"{certification.deadline:%Y-%m-%d}",
        )
    return sentence(
        _(
            "Only an Authorized Representative of {org} certifies its registration; you can "
            "read the list."
        ),
        org=org.legal_name,
    )


def can_certify(user, certification) -> bool:
    return certify_refusal(user, certification) is None


def can_read_certification(user, org) -> bool:
    """Operator staff, and the organization's Authorized Representatives and Primary Contacts
    (who read its audit log too)."""
    return is_operator_staff(user) or bool(role_codes(user, org) & AUDIT_READERS)

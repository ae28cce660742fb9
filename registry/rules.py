"""Who may do what in an organization. Services ask these; nothing else decides."""

from django.db import models
from django.utils.functional import lazy, lazystr
from django.utils.translation import gettext_lazy as _

from registry.models import Organization, RoleAssignment, RoleType
from registry.staff import is_operator_staff, may_use_admin  # noqa: F401  (re-exported)


class Role(models.TextChoices):
    """The role codes the portal's own rules name (role types themselves are data)."""

    AUTHORIZED_REPRESENTATIVE = "authorized_representative", "Authorized Representative"
    PRIMARY_CONTACT = "primary_contact", "Primary Contact"
    RIGHTS_ADMINISTRATOR = "rights_administrator", "Rights Administrator"
    INVOICING_BANKING_CONTACT = "invoicing_banking_contact", "Invoicing and Banking Contact"
    APPLICANT_REPRESENTATIVE = "applicant_representative", "Applicant Representative"


# Who may affiliate an existing person with the organization, or register a new one.
MEMBER_ADDERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE, Role.RIGHTS_ADMINISTRATOR}
# Who may remove a person from the organization (their roles and access go too).
MEMBER_REMOVERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}
# Who may read the organization's audit log.
AUDIT_READERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}
# Who drives the organization's participation applications (Manage Participation): the
# Applicant Representatives, and the Authorized Representatives who appoint them.
APPLICANTS = {Role.APPLICANT_REPRESENTATIVE, Role.AUTHORIZED_REPRESENTATIVE}


def role_codes(user, org: Organization) -> frozenset[str]:
    """The role codes the user holds in the organization (one query, cached per user)."""
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_role_codes", {})
    if org.pk not in cache:
        cache[org.pk] = frozenset(
            RoleAssignment.objects.filter(
                membership__organization=org, membership__person__user=user
            ).values_list("role_type__code", flat=True)
        )
    return cache[org.pk]


def forget_role_codes(user) -> None:
    user.__dict__.pop("_role_codes", None)


def managing_codes(role_type: RoleType) -> frozenset[str]:
    if not hasattr(role_type, "_managing_codes"):
        role_type._managing_codes = frozenset(role_type.managed_by.values_list("code", flat=True))
    return role_type._managing_codes


def can_manage_role(user, org: Organization, role_type: RoleType) -> bool:
    if is_operator_staff(user):
        return True
    return bool(role_codes(user, org) & managing_codes(role_type))


def can_add_member(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & MEMBER_ADDERS)


def can_remove_member(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & MEMBER_REMOVERS)


def can_read_audit(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & AUDIT_READERS)


def can_apply_for_participation(user, org: Organization) -> bool:
    """Start an application, submit its requirements, submit or withdraw it: the
    organization's Applicant Representatives and Authorized Representatives (not staff, who
    review what the organization submits)."""
    return bool(role_codes(user, org) & APPLICANTS)


def is_required_in(org: Organization, role_type: RoleType) -> bool:
    """Whether the organization must keep at least one holder of the role: a mandatory role
    always; another when an app above says so for this organization (participation: the
    Applicant Representative once the organization has applied, `registry.hooks.role_required`)."""
    from registry import hooks

    return role_type.mandatory or any(hooks.role_required(org, role_type))


# --- Refusals: the one answer to "may the user do this, and if not, why?" -------------------
# Each returns the error the service raises (under its lock, with the counts it locked) or
# None; pages call the same function with the counts they show, to offer the button or to
# say why in its place.


def _or_list_with_articles(names: tuple[str, ...]) -> str:
    from core.text import or_list, with_article

    return or_list(with_article(n) for n in names)


# Put together when read, in the reader's language ("an A or a B"; « A ou B » in French).
_lazy_or_list_with_articles = lazy(_or_list_with_articles, str)


def managers_phrase(role_type: RoleType) -> str:
    """'a Primary Contact or an Authorized Representative': who may change the role, in the
    language it is read in ("" when only operator staff may)."""
    names = tuple(sorted(r.name for r in role_type.managed_by.all()))
    return _lazy_or_list_with_articles(names) if names else ""


MANAGE_ROLE = {
    "add": _("Only {who} of {org} can add {role}."),
    "remove": _("Only {who} of {org} can remove {role}."),
}
STAFF_MANAGE_ROLE = {
    "add": _("Only a member of operator staff of {org} can add {role}."),
    "remove": _("Only a member of operator staff of {org} can remove {role}."),
}


def manage_role_refusal(user, org: Organization, role_type: RoleType, verb: str):
    from core.errors import Forbidden
    from core.text import sentence, with_article

    if can_manage_role(user, org, role_type):
        return None
    who = managers_phrase(role_type)
    return Forbidden(
        sentence(
            MANAGE_ROLE[verb] if who else STAFF_MANAGE_ROLE[verb],
            who=who,
            org=org.legal_name,
            role=with_article(lazystr(role_type.name)),
        )
    )


def last_holder_refusal(org: Organization, person, role_type: RoleType, holders: int):
    """The last holder of a mandatory role (or of one the organization must keep, see
    `is_required_in`) stays until another is registered."""
    from core.errors import RuleViolation
    from core.text import sentence

    if holders > 1 or not is_required_in(org, role_type):
        return None
    return RuleViolation(
        sentence(
            _(
                "{person} is the only {role} of {org}. At least one {role} is required at all "
                "times: register another {role} first."
            ),
            person=person.full_name,
            role=role_type.name,
            org=org.legal_name,
        ),
        code="last_holder",
    )


def add_contact_refusal(user, org: Organization, person, role_type: RoleType, *, held: bool):
    """`held`: the person already holds the role in the organization."""
    from core.errors import RuleViolation
    from core.text import sentence

    if refusal := manage_role_refusal(user, org, role_type, "add"):
        return refusal
    if held:
        return RuleViolation(
            sentence(
                _("{person} is already {role} of {org}."),
                person=person.full_name,
                role=role_type.name,
                org=org.legal_name,
            ),
            code="role_held",
        )
    return None


def remove_contact_refusal(user, org: Organization, person, role_type: RoleType, *, holders: int):
    """`holders`: how many hold the role in the organization now (the person included)."""
    return manage_role_refusal(user, org, role_type, "remove") or last_holder_refusal(
        org, person, role_type, holders
    )


def remove_member_refusal(user, org: Organization, person, held):
    """`held`: (role type, number of its holders in the organization) for each role the
    person holds there."""
    from core.errors import Forbidden
    from core.text import sentence

    if not can_remove_member(user, org):
        return Forbidden(
            sentence(
                _(
                    "Only a Primary Contact or Authorized Representative of {org} can remove "
                    "people from it."
                ),
                org=org.legal_name,
            )
        )
    for role_type, holders in held:
        if refusal := last_holder_refusal(org, person, role_type, holders):
            return refusal
    return None


# Who may enable again an account disabled for lack of sign-ins (after re-authenticating).
ACCOUNT_REENABLERS = {Role.PRIMARY_CONTACT, Role.RIGHTS_ADMINISTRATOR}


def can_reenable_accounts(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & ACCOUNT_REENABLERS)


def reenable_account_refusal(user, org: Organization, person):
    """Whether `user` may enable again the account of `person` (a member of `org`) that was
    disabled for lack of sign-ins: a Primary Contact or Rights Administrator of the
    organization, or operator staff. An account operator staff deactivated is theirs to
    enable. None when allowed."""
    from core.errors import Forbidden, RuleViolation
    from core.text import sentence

    account = person.user if person.user_id else None
    if account is None or account.is_active:
        return RuleViolation(
            sentence(_("{person}'s account is not disabled."), person=person.full_name),
            code="not_disabled",
        )
    if not can_reenable_accounts(user, org):
        return Forbidden(
            sentence(
                _(
                    "Only a Primary Contact or Rights Administrator of {org} can enable "
                    "{person}'s account again."
                ),
                org=org.legal_name,
                person=person.full_name,
            )
        )
    if account.dormant_since is None and not is_operator_staff(user):
        return Forbidden(
            sentence(
                _(
                    "Operator staff disabled {person}'s account: only they can enable it again. "
                    "Call Customer Relations."
                ),
                person=person.full_name,
            ),
            code="disabled_by_staff",
        )
    return None


# Who sets the organization's security (a second factor for everyone).
SECURITY_SETTERS = {Role.AUTHORIZED_REPRESENTATIVE}


def can_set_security(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & SECURITY_SETTERS)


def set_security_refusal(user, org: Organization):
    from core.errors import Forbidden
    from core.text import sentence

    if can_set_security(user, org):
        return None
    return Forbidden(
        sentence(
            _("Only an Authorized Representative of {org} can change this."), org=org.legal_name
        )
    )


# --- Sections (By Section): shared points of contact that only receive communications -----

# Who registers, changes and removes the organization's sections.
SECTION_MANAGERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}


def can_manage_sections(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & SECTION_MANAGERS)


def manage_sections_refusal(user, org: Organization):
    from core.errors import Forbidden
    from core.text import sentence

    if can_manage_sections(user, org):
        return None
    return Forbidden(
        sentence(
            _(
                "Only a Primary Contact or an Authorized Representative of {org} can change its "
                "sections."
            ),
            org=org.legal_name,
        )
    )


def section_may_hold(role_type: RoleType) -> bool:
    """A section holds only a role that receives communications: never a mandatory role nor
    one the portal's rules name (they decide: representation, access, banking)."""
    return (
        role_type.communications_only
        and not role_type.mandatory
        and role_type.code not in Role.values
    )

"""Every change to access: grant, revoke, expire. Each checks permission, validates, changes
the database in one transaction, writes the audit record and queues notifications."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import record
from core.bilingual import CATALOGUE_TEXT
from core.errors import NotFound, RuleViolation, require
from core.forms import validated
from core.services import service
from core.text import end_sentence, sentence
from registry.models import Membership, Organization, Person
from registry.queries import roles_of
from registry.rules import Role, is_operator_staff
from systems import notifications
from systems.forms import GrantTermsForm, InformationSystemForm, RequestReasonForm
from systems.grants import audit_details, end_grant, lock_for_access
from systems.models import AccessGrant, AccessRequest, InformationSystem
from systems.rules import can_grant_access, can_request_access, can_revoke_grant_of


def _refuse_non_member(org: Organization, person: Person) -> None:
    if not Membership.objects.filter(organization=org, person=person).exists():
        # The same words as for a Person ID nobody holds: a stranger stays invisible.
        raise NotFound(
            sentence(
                _("No person with ID {number} belongs to {org}."),
                number=person.person_id,
                org=org.legal_name,
            )
        )


@service("access.grant", org="org", target="person")
def grant_access(
    org: Organization,
    person: Person,
    system: InformationSystem,
    *,
    level: str | None = None,
    expires: date | str | None = None,
    actor,
) -> AccessGrant:
    """Let a member of `org` use `system` at `level` on its behalf (or change their grant)."""
    org = lock_for_access(org, actor)
    require(
        can_grant_access(actor, org),
        sentence(
            _(
                "Only a Rights Administrator of {org} can grant access to the operator's "
                "systems on its behalf."
            ),
            org=org.legal_name,
        ),
    )
    _refuse_non_member(org, person)
    own = getattr(actor, "person", None)
    require(
        own is None or own.pk != person.pk,
        sentence(
            _(
                "Nobody grants access to themselves: ask another Rights Administrator of "
                "{org}, or operator staff."
            ),
            org=org.legal_name,
        ),
        code="own_grant",
    )
    system = InformationSystem.objects.filter(pk=system.pk, is_active=True).first()
    if system is None:
        raise NotFound(_("That information system is no longer offered."))
    terms = validated(
        GrantTermsForm(
            # No level (the API's optional one) is the lowest; an empty one is not chosen.
            data={
                "level": system.lowest_level if level is None else level,
                "expires": expires or "",
            },
            system=system,
        )
    )
    grant = (
        AccessGrant.objects.select_for_update()
        .filter(organization=org, person=person, system=system)
        .first()
    )
    if grant is None:
        grant = AccessGrant.objects.create(
            organization=org,
            person=person,
            system=system,
            level=terms["level"],
            expires=terms["expires"],
            granted_by=actor,
        )
        action, before = "access.granted", {}
    else:
        before = {"previous_level": grant.level, "previous_expires": _iso(grant.expires)}
        grant.level, grant.expires, grant.granted_by = terms["level"], terms["expires"], actor
        grant.save(update_fields=["level", "expires", "granted_by"])
        action = "access.changed"
    record(
        actor,
        action,
        org=org,
        target=person,
        details=audit_details(system, grant.level, expires=_iso(grant.expires), **before),
    )
    notifications.access_granted(person, org, system, grant.level)
    return grant


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@service("access.revoke", org="org", target=None)
def revoke_access(org: Organization, grant: AccessGrant, *, actor, reason: str = "") -> None:
    """End a grant of `org`. Grants of Primary Contacts and Authorized Representatives are
    revoked only by operator staff."""
    org = lock_for_access(org, actor)
    require(
        can_grant_access(actor, org),
        sentence(
            _(
                "Only a Rights Administrator of {org} can revoke access to the operator's "
                "systems on its behalf."
            ),
            org=org.legal_name,
        ),
    )
    locked = (
        AccessGrant.objects.select_for_update()
        .select_related("person", "system")
        .filter(pk=grant.pk, organization=org)
        .first()
    )
    if locked is None:
        raise NotFound(_("That access has already been revoked."))
    require(
        can_revoke_grant_of(actor, org, roles_of(org, locked.person)),
        sentence(
            _(
                "{person} is a Primary Contact or Authorized Representative of {org}; only "
                "operator staff can revoke their access."
            ),
            person=locked.person.full_name,
            org=org.legal_name,
        ),
    )
    end_grant(locked, org, actor=actor, action="access.revoked", why=reason or _("revoked"))


def revoke_all_for_membership(org: Organization, person: Person, *, actor) -> int:
    """Revoke every grant `person` holds on behalf of `org`, as they leave it.

    No @service: it runs inside the caller's transaction (registry's remove_member), which
    already holds the organization lock.
    """
    grants = list(
        AccessGrant.objects.select_for_update()
        .select_related("person", "system")
        .filter(organization=org, person=person)
    )
    for grant in grants:
        end_grant(grant, org, actor=actor, action="access.revoked", why=_("left the organization"))
    for request in AccessRequest.objects.select_for_update().filter(
        organization=org, person=person, state=AccessRequest.State.OPEN
    ):
        _withdraw_request(request, reason=f"{person.full_name} left {end_sentence(org.legal_name)}")
    return len(grants)


@service("access.expire", org=None, target=None)
def expire_grants(*, today: date | None = None, actor=None) -> int:
    """Delete the grants whose last day has passed (they already stopped counting)."""
    today = today or timezone.localdate()
    expired = list(
        AccessGrant.objects.select_for_update()
        .select_related("organization", "person", "system")
        .filter(expires__lt=today)
        .order_by("pk")
    )
    for grant in expired:
        end_grant(
            grant,
            grant.organization,
            actor=actor,
            action="access.expired",
            why=sentence(_("it expired after {date}"), date=grant.expires.isoformat()),
        )
    return len(expired)


# --- Requests -------------------------------------------------------------------------------

ACCESS_REQUEST_KIND = "access_request"


@service("access.request", org="org", target=None)
def request_access(
    org: Organization, system: InformationSystem, *, level: str | None, reason: str = "", actor
) -> AccessRequest:
    """A member asks the organization's Rights Administrators for access: a task for them."""
    from tasks.services import create_task

    org = lock_for_access(org, actor)
    person = getattr(actor, "person", None)
    require(
        can_request_access(actor, org) and person is not None,
        _("Only a person registered with the organization can request access on its behalf."),
    )
    _refuse_non_member(org, person)
    system = InformationSystem.objects.filter(pk=system.pk, is_active=True).first()
    if system is None:
        raise NotFound(_("That information system is no longer offered."))
    data = validated(
        RequestReasonForm(
            data={"level": level or system.lowest_level, "reason": reason or ""}, system=system
        )
    )
    if AccessRequest.objects.filter(
        organization=org, person=person, system=system, state=AccessRequest.State.OPEN
    ).exists():
        raise RuleViolation(
            sentence(
                _(
                    "You have already asked for access to {system}; the Rights Administrators "
                    "of {org} have not decided yet."
                ),
                system=system.name,
                org=org.legal_name,
            ),
            code="duplicate_request",
        )
    held = AccessGrant.objects.in_force().filter(organization=org, person=person, system=system)
    held = held.first()
    if held is not None and system.rank(held.level) >= system.rank(data["level"]):
        raise RuleViolation(
            sentence(
                _("You already have {level} access to {system} for {org}."),
                level=held.level,
                system=system.name,
                org=org.legal_name,
            ),
            code="already_granted",
        )
    request = AccessRequest.objects.create(
        organization=org, person=person, system=system, level=data["level"], reason=data["reason"]
    )
    request.task = create_task(
        kind=ACCESS_REQUEST_KIND,
        organization=org,
        roles=[Role.RIGHTS_ADMINISTRATOR],
        subject=request,
        summary=f"{person.full_name} asks for {system.name} ({data['level']})",
        details={"system": system.code, "level": data["level"], "reason": data["reason"]},
        excluded_user=actor,  # nobody grants access to themselves
        actor=actor,
    )
    request.save(update_fields=["task"])
    record(
        actor,
        "access.requested",
        org=org,
        target=person,
        details=audit_details(system, request.level),
    )
    return request


def _locked_request(task) -> AccessRequest:
    request = (
        AccessRequest.objects.select_for_update()
        .select_related("organization", "person", "system")
        .filter(pk=task.subject_id)
        .first()
    )
    if request is None or request.state != AccessRequest.State.OPEN:
        raise RuleViolation(
            _("This access request has already been settled."), code="already_decided"
        )
    return request


def approve_request(task, *, actor, comment: str) -> None:
    """The task kind's approval: grant what was asked (inside approve_task's transaction)."""
    request = _locked_request(task)
    grant_access(
        request.organization, request.person, request.system, level=request.level, actor=actor
    )
    _settle(request, AccessRequest.State.APPROVED, comment)


def reject_request(task, *, actor, comment: str) -> None:
    """The task kind's rejection: nothing is granted; the engine e-mails the reason."""
    request = _locked_request(task)
    _settle(request, AccessRequest.State.REJECTED, comment)
    record(
        actor,
        "access.request_rejected",
        org=request.organization,
        target=request.person,
        details=audit_details(request.system, request.level, reason=comment),
    )


def withdraw_request_on_cancel(task, *, actor, comment: str) -> None:
    request = AccessRequest.objects.select_for_update().filter(pk=task.subject_id).first()
    if request is not None and request.state == AccessRequest.State.OPEN:
        _settle(request, AccessRequest.State.WITHDRAWN, comment)


def _settle(request: AccessRequest, state: str, comment: str) -> None:
    request.state, request.decided_at, request.decision_comment = state, timezone.now(), comment
    request.save(update_fields=["state", "decided_at", "decision_comment"])


def _withdraw_request(request: AccessRequest, *, reason: str) -> None:
    from tasks.services import cancel_task

    _settle(request, AccessRequest.State.WITHDRAWN, reason)
    if request.task is not None and request.task.state in request.task.OPEN_STATES:
        cancel_task(request.task, actor=None, reason=reason)


SYSTEM_FIELDS = [*CATALOGUE_TEXT, "open_to_all", "is_active", "sort_order"]


@service("information_system.save", org=None, target=None)
def save_information_system(
    system: InformationSystem | None, *, data: dict, actor
) -> InformationSystem:
    """Staff add one of the operator's information systems, or change one (never its code:
    grants and single sign-on name it). Levels already granted cannot be dropped."""
    require(is_operator_staff(actor), _("Only operator staff can change the information systems."))
    if system is not None:
        system = InformationSystem.objects.select_for_update().get(pk=system.pk)
    cleaned = validated(InformationSystemForm(data=data, instance=system))
    levels = cleaned["levels_text"]
    values = {name: cleaned[name] for name in SYSTEM_FIELDS}
    if system is None:
        system = InformationSystem.objects.create(code=cleaned["code"], levels=levels, **values)
        action = "information_system.created"
    else:
        in_use = set(system.grants.values_list("level", flat=True)) - set(levels)
        if in_use:
            raise RuleViolation(
                sentence(
                    _(
                        "{system} still has grants at {levels}: revoke or change them before "
                        "dropping that level."
                    ),
                    system=system.name,
                    levels=", ".join(sorted(in_use)),
                ),
                code="level_in_use",
            )
        for name, value in {**values, "levels": levels}.items():
            setattr(system, name, value)
        system.save(update_fields=[*SYSTEM_FIELDS, "levels"])
        action = "information_system.updated"
    record(
        actor,
        action,
        target=system,
        details={"levels": levels, **{k: str(v) for k, v in values.items()}},
    )
    return system

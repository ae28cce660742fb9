"""The conversation on every application (issue 17): private to the organization and the
operator. Its members and operator staff read it; the organization's applicants (Applicant
Representatives, Authorized Representatives) and operator staff write in it until the
application is withdrawn."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from conversations.threads import ThreadKind, register
from core.errors import Forbidden, RuleViolation
from participation.models import Application
from participation.rules import apply_refusal
from registry.models import Organization
from registry.rules import APPLICANTS, is_operator_staff


def _readable(user):
    return Application.objects.filter(organization__in=Organization.objects.visible_to(user))


def _find(user, number: int):
    return (
        _readable(user)
        .select_related("organization", "participation_type")
        .filter(pk=number)
        .first()
    )


def _title(app: Application) -> str:
    return f"{app.participation_type.name} application {app.pk}"


def _write_refusal(user, app: Application):
    if app.state == Application.State.WITHDRAWN:
        return RuleViolation(
            "This application was withdrawn, so its conversation is closed: it is kept as it "
            "was, and nobody can add to it.",
            code="thread_closed",
        )
    if is_operator_staff(user) or apply_refusal(user, app.organization) is None:
        return None
    return Forbidden(
        f"Only the Applicant Representatives and Authorized Representatives of "
        f"{app.organization.legal_name}, and operator staff, write in an application's "
        f"conversation; you can read it."
    )


def _audience(app: Application):
    User = get_user_model()
    return User.objects.filter(
        Q(
            person__memberships__organization=app.organization,
            person__memberships__roles__role_type__code__in=list(APPLICANTS),
        )
        | Q(pk=app.started_by_id)
        | Q(is_staff=True),
        is_active=True,
    ).distinct()


def _url(user, app: Application) -> str:
    if is_operator_staff(user):
        return reverse("participation-review", args=[app.pk]) + "#conversation"
    return (
        reverse("participation-application", args=[app.organization.org_id, app.pk])
        + "#conversation"
    )


register(
    ThreadKind(
        code="application",
        label="application",
        find=_find,
        organization=lambda app: app.organization,
        title=_title,
        write_refusal=_write_refusal,
        audience=_audience,
        url=_url,
        readable_ids=lambda user: _readable(user).values("pk"),
        readers="the members of {org} and operator staff",
    )
)

"""Applications on My requests (issue 17): every application the user started, in an
organization they still belong to, newest first (one query)."""

from django.urls import reverse

from participation.models import Application
from registry.models import Organization

LIMIT = 50


def applications_started(user) -> dict | None:
    if not user.is_authenticated:
        return None
    apps = (
        Application.objects.filter(
            started_by=user, organization__in=Organization.objects.visible_to(user)
        )
        .select_related("organization", "participation_type")
        .order_by("-started_at", "-id")[:LIMIT]
    )
    return {
        "title": "Participation applications you started",
        "rows": [
            {
                "label": f"{app.participation_type.name} application {app.pk}",
                "summary": "",
                "organization": app.organization.legal_name,
                "asked": app.started_at,
                "status": app.get_state_display(),
                "url": reverse("participation-application", args=[app.organization.org_id, app.pk]),
            }
            for app in apps
        ],
    }

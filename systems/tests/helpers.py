"""Small helpers shared by the systems app's tests."""

from core.testing import last_audit  # noqa: F401 (shared)
from systems.models import AccessGrant, InformationSystem


def system(code: str) -> InformationSystem:
    return InformationSystem.objects.get(code=code)


def grants(org, person) -> dict[str, str]:
    """system code -> level of `person`'s grants in `org`."""
    return dict(
        AccessGrant.objects.filter(organization=org, person=person).values_list(
            "system__code", "level"
        )
    )


def without_machine_accounts() -> None:
    """End the demo's machine accounts (test set-up, straight in the database), for tests of
    reviews of grants alone (a review lists the machine accounts in force too)."""
    from systems.models import MachineAccount

    MachineAccount.objects.filter(state=MachineAccount.State.ACTIVE).update(state="revoked")


def start_review(
    personas,
    *,
    days: int = 7,
    organizations="",
    name: str = "Q1 access review",
    machines: bool = False,
):
    """Staff start a campaign over `organizations` (Organization IDs; "" = all); without the
    demo's machine account unless `machines`."""
    import datetime

    from django.utils import timezone

    from systems import reviews

    if not machines:
        without_machine_accounts()

    return reviews.start_review_campaign(
        name=name,
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        organizations=organizations,
        actor=personas.staff,
    )


def grant(personas, name: str, code: str, org: str = "northwind", level: str | None = None):
    from systems import services

    return services.grant_access(
        getattr(personas, org),
        personas.person(name),
        system(code),
        level=level,
        actor=personas.staff,
    )

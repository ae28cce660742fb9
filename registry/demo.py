"""Demo people and sections (contract.md, "Next wave"), loaded by seed_demo. Idempotent."""

from django.utils import timezone

from audit.log import record
from registry.models import Organization, Person, RoleType, Section

# org id, name, shared e-mail (confirmed in the demo), telephone, role codes
SECTIONS = [
    (
        100001,
        "Settlements Desk",
        "settlements@northwind.example",
        "+14165550150",
        ["settlement_contact"],
    ),
]


def demo_person(pid: int, user, *, first: str, last: str, title: str, phone: str, city: str):
    """The demo person `pid` with `user` as their account (made once; kept as it is after)."""
    person, _ = Person.objects.get_or_create(
        person_id=pid,
        defaults={
            "first_name": first,
            "last_name": last,
            "job_title": title,
            "email": user.email,
            "phone": phone,
            "user": user,
            "city": city,
            "province": "ON",
            "country": "Canada",
        },
    )
    return person


def seed_sections(operator=None) -> None:
    for org_id, name, email, phone, codes in SECTIONS:
        org = Organization.objects.filter(org_id=org_id).first()
        if org is None or Section.objects.filter(organization=org, name__iexact=name).exists():
            continue
        section = Section.objects.create(
            organization=org, name=name, email=email, phone=phone, email_confirmed_at=timezone.now()
        )
        roles = list(RoleType.objects.filter(code__in=codes))
        section.roles.set(roles)
        record(
            operator,
            "section.created",
            org=org,
            target=section,
            details={"roles": codes, "role_name": ", ".join(r.name for r in roles)},
        )

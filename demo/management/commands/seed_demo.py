"""Load the demo data of contract.md. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import ensure_demo_secret_answers, seed_dormant_account
from accounts.models import User
from audit.log import record
from audit.models import AuditEntry
from banking.demo import seed_banking
from core.bilingual import write_french
from core.reauth import console_actor
from participation.demo import seed_participation
from registry.catalogue import FRENCH as ROLE_TYPES_IN_FRENCH
from registry.catalogue import ensure_role_types
from registry.demo import demo_person, seed_sections
from registry.models import Membership, Organization, Person, RoleAssignment, RoleType, Sequence
from systems.catalogue import FRENCH as SYSTEMS_IN_FRENCH
from systems.catalogue import ensure_systems
from systems.demo import seed_machine_account

PASSWORD = "Market-Demo-2026"

ORGANIZATIONS = [
    (100001, "Northwind Power Corp.", "200 Bay Street", "Toronto", "ON", "M5J 2J2"),
    (100002, "Lakeshore Energy Inc.", "1 Lakeshore Road", "Mississauga", "ON", "L5G 1E2"),
]

# account, person id, first, last, job title, phone, staff, {org id: [role codes] or []}
PEOPLE = [
    ("staff", 500009, "Olivia", "Operator", "Market Registration", "+14165550109", True, {}),
    (
        "alice",
        500001,
        "Alice",
        "Martin",
        "Director, Market Operations",
        "+14165550101",
        False,
        {100001: ["primary_contact"]},
    ),
    (
        "bob",
        500002,
        "Bob",
        "Chen",
        "Chief Executive Officer",
        "+14165550102",
        False,
        {100001: ["authorized_representative", "applicant_representative"]},
    ),
    (
        "carol",
        500003,
        "Carol",
        "Singh",
        "Treasury Manager",
        "+14165550103",
        False,
        {100001: ["invoicing_banking_contact"]},
    ),
    (
        "dave",
        500004,
        "Dave",
        "Okafor",
        "IT Security Lead",
        "+14165550104",
        False,
        {100001: ["rights_administrator"]},
    ),
    ("erin", 500005, "Erin", "Walsh", "Market Analyst", "+14165550105", False, {100001: []}),
    (
        "frank",
        500006,
        "Frank",
        "Dubois",
        "Operations Manager",
        "+19055550106",
        False,
        {100002: ["primary_contact", "rights_administrator"]},
    ),
    (
        "grace",
        500007,
        "Grace",
        "Kim",
        "Chief Financial Officer",
        "+19055550107",
        False,
        {
            100002: [
                "authorized_representative",
                "invoicing_banking_contact",
                "applicant_representative",
            ]
        },
    ),
    (
        "ivan",
        500008,
        "Ivan",
        "Petrov",
        "Settlement Analyst",
        "+19055550108",
        False,
        {100001: [], 100002: ["rights_administrator"]},
    ),
]

EMAIL_DOMAINS = {100001: "northwind.example", 100002: "lakeshore.example"}


class Command(BaseCommand):
    help = "Load the demo organizations, persons, accounts and roles (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        orgs = {}
        for org_id, name, street, city, province, postal in ORGANIZATIONS:
            orgs[org_id], _ = Organization.objects.get_or_create(
                org_id=org_id,
                defaults={
                    "legal_name": name,
                    "street": street,
                    "city": city,
                    "province": province,
                    "postal_code": postal,
                    "country": "Canada",
                },
            )
        ensure_role_types(RoleType)
        write_french(RoleType, ROLE_TYPES_IN_FRENCH)
        role_types = {r.code: r for r in RoleType.objects.all()}
        created_any = False
        operator = None
        for account, pid, first, last, title, phone, staff, memberships in PEOPLE:
            user = User.objects.filter(username=account).first()
            if user is None:
                user = User(username=account, first_name=first, last_name=last)
                user.set_password(PASSWORD)
                created_any = True
            user.is_staff = staff
            user.is_superuser = staff
            domain = EMAIL_DOMAINS.get(next(iter(memberships), 0), "operator.example")
            user.email = f"{account}@{domain}"
            user.save()
            if staff and operator is None:
                operator = console_actor(user)  # the demo's staff steps run from the console
            person = demo_person(
                pid, user, first=first, last=last, title=title, phone=phone, city="Toronto"
            )
            for org_id, codes in memberships.items():
                membership, made = Membership.objects.get_or_create(
                    organization=orgs[org_id], person=person
                )
                if made:
                    record(operator, "member.added", org=orgs[org_id], target=person)
                for code in codes:
                    _, made = RoleAssignment.objects.get_or_create(
                        membership=membership, role_type=role_types[code]
                    )
                    if made:
                        record(
                            operator,
                            "contact.added",
                            org=orgs[org_id],
                            target=person,
                            details={"role": code, "role_name": role_types[code].name},
                        )
        for name, start in [("organization", 100002), ("person", 500009)]:
            seq, _ = Sequence.objects.get_or_create(name=name, defaults={"last_value": start})
            if seq.last_value < start:
                Sequence.objects.filter(name=name).update(last_value=start)
        ensure_systems()  # idempotent, so also on a database seeded before systems existed
        from systems.models import InformationSystem

        write_french(InformationSystem, SYSTEMS_IN_FRENCH)
        ensure_demo_secret_answers(p[0] for p in PEOPLE)  # idempotent too
        seed_banking()  # idempotent: only where an organization has none
        seed_sections(operator)  # idempotent: only sections not there yet
        seed_dormant_account(operator, PASSWORD)  # idempotent: Henry Lawson at Lakeshore
        seed_participation(  # idempotent: only organizations with no application yet
            operator, {u.username: u for u in User.objects.filter(username__in=["bob", "grace"])}
        )
        seed_machine_account(operator)  # idempotent: Northwind's Metering Data uploader
        if created_any:
            self._systems_hook()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Organization.objects.count()} organizations, "
                f"{Person.objects.count()} persons, {AuditEntry.objects.count()} audit entries. "
                f"Every demo password is {PASSWORD}."
            )
        )

    def _systems_hook(self) -> None:
        """Later capabilities (information systems, banking) add their demo data here."""

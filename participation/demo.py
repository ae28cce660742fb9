"""Demo participations (issue 17), loaded by seed_demo. Idempotent.

Northwind holds an authorized Market Participant participation (written as it stands, with
its history in the audit log); Lakeshore has an application in progress, made through the
services, whose bank account details staff returned, saying so in its conversation."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from audit.log import record
from conversations.access import get_thread_for
from conversations.services import add_comment
from core.bilingual import write_french
from participation import services
from participation.catalogue import FRENCH, MARKET_PARTICIPANT, ensure_participation_types
from participation.models import Application, Item, ParticipationType, Requirement
from registry.models import Organization, RoleType

NORTHWIND, LAKESHORE = 100001, 100002
NORTHWIND_BANK = {
    "bank_name": "First Canadian Bank",
    "institution_number": "001",
    "transit_number": "00011",
    "account_holder": "Northwind Power Corp.",
}
LAKESHORE_BANK = {
    "bank_name": "Lakeshore Credit Union",
    "institution_number": "828",
    "transit_number": "00420",
    "account_holder": "Lakeshore Energy",
}
RETURN_REASON = (
    "The account holder must be the organization's legal name, Lakeshore Energy Inc., as on "
    "the bank letter."
)

DEMO_COMMENT = (
    "Everything else is in order. Once the account holder reads Lakeshore Energy Inc., submit "
    "the bank account details again and we will accept them the same day."
)


def seed_participation(operator, users: dict) -> None:
    ensure_participation_types(ParticipationType, Requirement, RoleType)
    write_french(ParticipationType, FRENCH)
    ptype = ParticipationType.objects.filter(code=MARKET_PARTICIPANT).first()
    if ptype is None:
        return
    northwind = Organization.objects.filter(org_id=NORTHWIND).first()
    if northwind and not Application.objects.filter(organization=northwind).exists():
        _authorized(northwind, ptype, operator, users.get("bob"))
    lakeshore = Organization.objects.filter(org_id=LAKESHORE).first()
    grace = users.get("grace")
    if lakeshore and grace and not Application.objects.filter(organization=lakeshore).exists():
        app = services.start_application(
            lakeshore, ptype, answers={"national-energy-permit": False}, actor=grace
        )
        services.submit_requirement(app, "bank-account", data=LAKESHORE_BANK, actor=grace)
        services.return_requirement(app, "bank-account", reason=RETURN_REASON, actor=operator)
        thread = get_thread_for(operator, "application", app.pk)
        add_comment(thread, body=DEMO_COMMENT, actor=operator)


def _authorized(org, ptype, operator, applicant) -> None:
    now = timezone.now()
    answers = {"national-energy-permit": False}
    app = Application.objects.create(
        organization=org,
        participation_type=ptype,
        state=Application.State.AUTHORIZED,
        answers=answers,
        started_by=applicant,
        submitted_at=now - timedelta(days=100),
        authorized_at=now - timedelta(days=91),
        effective_from=date.today() - timedelta(days=90),
    )
    # Started before it was submitted and authorized, as it happened (the column is
    # auto_now_add). The audit log tells the story in today's entries; the dates are these.
    Application.objects.filter(pk=app.pk).update(started_at=now - timedelta(days=120))
    record(applicant, "participation.started", org=org, target=app, details={"answers": answers})
    for requirement in ptype.requirements.all():
        if not requirement.applies(answers):
            continue
        item = Item(
            application=app,
            requirement=requirement,
            state=Item.State.ACCEPTED,
            submitted_by=applicant,
            submitted_at=now,
            reviewed_by=operator,
            reviewed_at=now,
        )
        if requirement.kind == Requirement.Kind.FEE:
            item.fee_reference, item.fee_received = "PAY-2026-000417", Decimal("1130.00")
            item.submitted_by = operator
        elif requirement.kind == Requirement.Kind.FORM:
            item.values = dict(NORTHWIND_BANK)
        item.save()
        record(
            operator,
            "participation.requirement_accepted",
            org=org,
            target=app,
            details={"requirement": requirement.code, "requirement_name": requirement.name},
        )
    record(applicant, "participation.submitted", org=org, target=app)
    record(
        operator,
        "participation.authorized",
        org=org,
        target=app,
        details={
            "effective_from": app.effective_from.isoformat(),
            "participation_type_name": ptype.name,
        },
    )

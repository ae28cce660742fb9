"""A participation type of the tests' own (the demo's Market Participant is taken by the
demo applications), with one requirement of each kind but documents."""

from decimal import Decimal

from participation.models import ParticipationType, Requirement
from registry.models import RoleType

PROBE = "probe-participant"


def probe_type(*, document: bool = False) -> ParticipationType:
    ptype, made = ParticipationType.objects.get_or_create(
        code=PROBE, defaults={"name": "Probe Participant", "description": "For tests."}
    )
    if made:
        Requirement.objects.create(
            participation_type=ptype,
            code="fee",
            name="Application fee",
            kind="fee",
            order=10,
            fee_amount=Decimal("1130.00"),
        )
        Requirement.objects.create(
            participation_type=ptype,
            code="bank",
            name="Bank account details",
            kind="form",
            order=20,
            fields=[
                {"name": "bank_name", "label": "Bank name", "max_length": 200},
                {"name": "transit_number", "label": "Transit number", "max_length": 5},
            ],
        )
        Requirement.objects.create(
            participation_type=ptype,
            code="permit",
            name="Trading permit details",
            kind="form",
            order=30,
            fields=[{"name": "permit_number", "label": "Permit number", "max_length": 20}],
            condition="Will the organization trade or export energy?",
        )
        roles = Requirement.objects.create(
            participation_type=ptype, code="contacts", name="Contact roles", kind="roles", order=40
        )
        roles.roles.set(RoleType.objects.filter(code="primary_contact"))
    if document and not ptype.requirements.filter(kind="document").exists():
        Requirement.objects.create(
            participation_type=ptype, code="licence", name="Licence", kind="document", order=15
        )
    return ptype


BANK = {"bank_name": "First Canadian Bank", "transit_number": "00011"}

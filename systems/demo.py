"""The demo's machine account (issue 18), loaded by seed_demo. Idempotent."""

from accounts.models import User
from registry.models import Organization
from systems import machines
from systems.models import InformationSystem, MachineAccount

DEMO_MACHINE = {
    "org_id": 100001,
    "name": "Metering Data uploader",
    "system": "metering",
    "level": "submit",
    "owner": "dave",
    "purpose": "Uploads Northwind's interval meter readings to Metering Data every night.",
}


def seed_machine_account(operator) -> None:
    """Requested by Dave (Northwind's Rights Administrator), approved by operator staff (he is
    the only one), owned by Dave. No credentials are issued: a secret is shown only once."""
    from tasks.services import approve_task

    org = Organization.objects.filter(org_id=DEMO_MACHINE["org_id"]).first()
    dave = User.objects.filter(username=DEMO_MACHINE["owner"]).select_related("person").first()
    system = InformationSystem.objects.filter(code=DEMO_MACHINE["system"]).first()
    if org is None or dave is None or system is None or operator is None:
        return
    if MachineAccount.objects.filter(organization=org, name=DEMO_MACHINE["name"]).exists():
        return
    account = machines.request_machine_account(
        org,
        system,
        owner=dave.person,
        name=DEMO_MACHINE["name"],
        purpose=DEMO_MACHINE["purpose"],
        level=DEMO_MACHINE["level"],
        actor=dave,
    )
    approve_task(account.task, actor=operator, comment="Demo: approved by operator staff.")

"""Demo banking information (contract.md), loaded by seed_demo. Idempotent."""

from banking import crypto
from banking.models import BankingInformation
from registry.models import Organization

DEMO = {
    100001: ("First Canadian Bank", "001", "00011", "1234567"),
}


def seed_banking() -> None:
    for org_id, (bank, institution, transit, account) in DEMO.items():
        org = Organization.objects.filter(org_id=org_id).first()
        if org is None or BankingInformation.objects.filter(organization=org).exists():
            continue
        BankingInformation.objects.create(
            organization=org,
            bank_name=bank,
            currency="CAD",
            numbers=crypto.encrypt(
                org.org_id, {"institution": institution, "transit": transit, "account": account}
            ),
            account_last4=account[-4:],
        )

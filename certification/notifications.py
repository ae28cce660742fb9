"""E-mail about certifications (sent once the transaction commits)."""

from django.conf import settings
from django.urls import reverse

from core.mail import send_after_commit


def page_url(cert) -> str:
    return settings.SITE_URL + reverse(
        "certification-detail", args=[cert.organization.org_id, cert.pk]
    )


def reminder(cert, *, days: int) -> None:
    """To the accounts the certification's task is addressed to."""
    from tasks.queries import task_recipients

    if cert.task is None:
        return
    org = cert.organization
    addresses = list(task_recipients(cert.task).values_list("email", flat=True))
    send_after_commit(
        addresses,
        f"Certify {org.legal_name}'s registration: {days} day{'s' if days != 1 else ''} left",
        f"Hello,\n\nThe operator asks the Authorized Representatives of {org.legal_name} "
        f"(Organization ID {org.org_id}) to certify its registration (“{cert.campaign.name}”) "
        f"by {cert.deadline:%Y-%m-%d}: confirm every contact, section, member, access grant and "
        f"machine account, correct or remove what is wrong, then attest.\n\n"
        f"{page_url(cert)}\n\nWhat is not attested by then goes to operator staff.",
    )

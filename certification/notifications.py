"""E-mail about certifications (sent once the transaction commits)."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.mail import send_after_commit
from core.text import sentence


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
    values = {
        "org": org.legal_name,
        "days": days,
        "org_id": org.org_id,
        "name": cert.campaign.name,
        "deadline": date_format(cert.deadline, "Y-m-d"),
        "link": page_url(cert),
    }
    send_after_commit(
        addresses,
        sentence(
            ngettext_lazy(
                "Certify {org}'s registration: {days} day left",
                "Certify {org}'s registration: {days} days left",
                days,
            ),
            **values,
        ),
        sentence(
            _(
                "Hello,\n\nThe operator asks the Authorized Representatives of {org} "
                "(Organization ID {org_id}) to certify its registration (“{name}”) by "
                "{deadline}: confirm every contact, section, member, access grant and machine "
                "account, correct or remove what is wrong, then attest.\n\n{link}\n\nWhat is "
                "not attested by then goes to operator staff."
            ),
            **values,
        ),
    )

"""Who hears about an application: the organization's Applicant Representatives and
Authorized Representatives, and whoever started it. Through the outbox (core.mail)."""

from core.mail import send_after_commit
from participation.models import Application, Item
from registry.models import Person
from registry.rules import APPLICANTS


def applicant_emails(app: Application) -> list[str]:
    emails = set(
        Person.objects.filter(
            memberships__organization_id=app.organization_id,
            memberships__roles__role_type__code__in=list(APPLICANTS),
        ).values_list("email", flat=True)
    )
    if app.started_by_id and app.started_by.email:
        emails.add(app.started_by.email)
    return sorted(emails)


def _name(app: Application) -> str:
    return f"{app.participation_type.name} application {app.pk}"


def submitted(app: Application) -> None:
    send_after_commit(
        applicant_emails(app),
        f"{_name(app)} of {app.organization.legal_name} submitted",
        f"The {_name(app)} of {app.organization.legal_name} has been submitted to the "
        f"operator for review. You will hear when a requirement is returned or the "
        f"participation is authorized.",
    )


def returned(app: Application, item: Item) -> None:
    send_after_commit(
        applicant_emails(app),
        f"{item.requirement.name} returned: {_name(app)}",
        f"Operator staff returned {item.requirement.name} of the {_name(app)} of "
        f"{app.organization.legal_name} for changes:\n\n{item.return_reason}\n\n"
        f"Submit it again on the application's page (Actions → Manage Participation).",
    )


def receipt(app: Application, item: Item) -> None:
    """The receipt of the fee: what was received and its reference (never card data)."""
    send_after_commit(
        applicant_emails(app),
        f"Receipt: {item.requirement.name} ({item.requirement.currency} {item.fee_received:,.2f})",
        f"Receipt for {app.organization.legal_name}\n\n"
        f"{item.requirement.name}, {_name(app)}\n"
        f"Amount received: {item.requirement.currency} {item.fee_received:,.2f}\n"
        f"Payment reference: {item.fee_reference}\n"
        f"Recorded on: {item.reviewed_at:%Y-%m-%d}\n",
    )


def authorized(app: Application) -> None:
    send_after_commit(
        applicant_emails(app),
        f"{app.organization.legal_name} is authorized as {app.participation_type.name}",
        f"The operator authorized {app.organization.legal_name} as "
        f"{app.participation_type.name} from {app.effective_from:%Y-%m-%d} ({_name(app)}).",
    )


def told(app: Application, what: str, reason: str) -> None:
    body = f"The {_name(app)} of {app.organization.legal_name} has been {what}."
    if reason:
        body += f"\n\n{reason}"
    send_after_commit(applicant_emails(app), f"{_name(app)} {what}", body)

"""Who the back office tells, and in what words. Sent after commit."""

from django.conf import settings

from backoffice.models import OrganizationApplication
from core.mail import send_after_commit
from registry.models import Organization, Person


def application_received(application: OrganizationApplication) -> None:
    send_after_commit(
        [application.submitter_email],
        f"We received your application to register {application.legal_name}",
        f"Hello {application.submitter_first_name},\n\nThank you for applying to register "
        f"{application.legal_name} with the {settings.OPERATOR_NAME}. Your reference is "
        f"{application.reference}. Our Market Registration group will review the application "
        f"and write to you at this address.",
    )
    # Operator staff hear of it from the review task the engine raises (tasks.notifications).


def application_approved(application: OrganizationApplication, org: Organization) -> None:
    send_after_commit(
        [application.submitter_email],
        f"{org.legal_name} is registered",
        f"Hello {application.submitter_first_name},\n\nYour application {application.reference} "
        f"has been approved. {org.legal_name} is registered with Organization ID {org.org_id}. "
        f"Its contacts will be invited by e-mail to set up their accounts.",
    )


def application_rejected(application: OrganizationApplication) -> None:
    send_after_commit(
        [application.submitter_email],
        f"Your application to register {application.legal_name}",
        f"Hello {application.submitter_first_name},\n\nYour application {application.reference} "
        f"to register {application.legal_name} was not approved, for this reason:\n\n"
        f"{application.decision_reason}\n\nYou may submit a corrected application, or contact "
        f"Customer Relations with any question.",
    )


def representative_appointed(org: Organization, person: Person, reason: str) -> None:
    contacts = Person.objects.filter(
        memberships__organization=org, memberships__roles__role_type__mandatory=True
    ).values_list("email", flat=True)
    send_after_commit(
        [person.email, *contacts],
        f"{person.full_name} appointed Authorized Representative of {org.legal_name}",
        f"{settings.OPERATOR_NAME} staff appointed {person.full_name} (Person ID "
        f"{person.person_id}) as Authorized Representative of {org.legal_name} (Organization "
        f"ID {org.org_id}), which had none.\n\nReason: {reason}",
    )

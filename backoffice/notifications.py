"""Who the back office tells, and in what words. Sent after commit.

Subjects and bodies are lazy sentences (`gettext_lazy` templates): `core.mail` puts each
together once per recipients' language."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from backoffice.models import OrganizationApplication
from core.mail import send_after_commit
from core.text import sentence
from registry.models import Organization, Person


def application_received(application: OrganizationApplication) -> None:
    send_after_commit(
        [application.submitter_email],
        sentence(_("We received your application to register {org}"), org=application.legal_name),
        sentence(
            _(
                "Hello {first_name},\n\nThank you for applying to register {org} with the "
                "{operator}. Your reference is {reference}. Our Market Registration group will "
                "review the application and write to you at this address."
            ),
            first_name=application.submitter_first_name,
            org=application.legal_name,
            operator=settings.OPERATOR_NAME,
            reference=application.reference,
        ),
    )
    # Operator staff hear of it from the review task the engine raises (tasks.notifications).


def application_approved(application: OrganizationApplication, org: Organization) -> None:
    send_after_commit(
        [application.submitter_email],
        sentence(_("{org} is registered"), org=org.legal_name),
        sentence(
            _(
                "Hello {first_name},\n\nYour application {reference} has been approved. {org} "
                "is registered with Organization ID {org_id}. Its contacts will be invited by "
                "e-mail to set up their accounts."
            ),
            first_name=application.submitter_first_name,
            reference=application.reference,
            org=org.legal_name,
            org_id=org.org_id,
        ),
    )


def application_rejected(application: OrganizationApplication) -> None:
    send_after_commit(
        [application.submitter_email],
        sentence(_("Your application to register {org}"), org=application.legal_name),
        sentence(
            _(
                "Hello {first_name},\n\nYour application {reference} to register {org} was not "
                "approved, for this reason:\n\n{reason}\n\nYou may submit a corrected "
                "application, or contact Customer Relations with any question."
            ),
            first_name=application.submitter_first_name,
            reference=application.reference,
            org=application.legal_name,
            reason=application.decision_reason,
        ),
    )


def representative_appointed(org: Organization, person: Person, reason: str) -> None:
    contacts = Person.objects.filter(
        memberships__organization=org, memberships__roles__role_type__mandatory=True
    ).values_list("email", flat=True)
    send_after_commit(
        [person.email, *contacts],
        sentence(
            _("{person} appointed Authorized Representative of {org}"),
            person=person.full_name,
            org=org.legal_name,
        ),
        sentence(
            _(
                "{operator} staff appointed {person} (Person ID {person_id}) as Authorized "
                "Representative of {org} (Organization ID {org_id}), which had none.\n\n"
                "Reason: {reason}"
            ),
            operator=settings.OPERATOR_NAME,
            person=person.full_name,
            person_id=person.person_id,
            org=org.legal_name,
            org_id=org.org_id,
            reason=reason,
        ),
    )

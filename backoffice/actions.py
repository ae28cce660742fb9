"""The back office's audit vocabulary (see audit/actions.py). {target} of an application is
its reference."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "application.submitted",
        organization=False,
        done=gettext_noop("An application to register an organization was submitted ({target})."),
        attempt=gettext_noop("submit an application to register an organization"),
        service="application.submit",
    ),
    Action(
        "application.approved",
        done=gettext_noop("{actor} approved the application {target}; {org} is registered."),
        attempt=gettext_noop("approve the application {target}"),
        service="application.approve",
    ),
    Action(
        "application.rejected",
        done=gettext_noop("{actor} rejected the application {target}: {reason}"),
        attempt=gettext_noop("reject the application {target}"),
        service="application.reject",
    ),
    Action(
        "organization.recovered",
        done=gettext_noop("{actor} appointed {target} {role} of {org}, which had none: {reason}"),
        attempt=gettext_noop("appoint an Authorized Representative of {org}"),
        service="organization.recover",
    ),
    Action(
        "organization.exported",
        done=gettext_noop("{actor} downloaded the {what} of {org}."),
        attempt=gettext_noop("download the records of {org}"),
        service=("organization.export_contacts", "organization.export_audit"),
        change=False,
    ),
)

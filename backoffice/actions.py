"""The back office's audit vocabulary (see audit/actions.py). {target} of an application is
its reference."""

from audit.actions import Action, register

register(
    Action(
        "application.submitted",
        organization=False,
        done="An application to register an organization was submitted ({target}).",
        attempt="submit an application to register an organization",
        service="application.submit",
    ),
    Action(
        "application.approved",
        done="{actor} approved the application {target}; {org} is registered.",
        attempt="approve the application {target}",
        service="application.approve",
    ),
    Action(
        "application.rejected",
        done="{actor} rejected the application {target}: {reason}",
        attempt="reject the application {target}",
        service="application.reject",
    ),
    Action(
        "organization.recovered",
        done="{actor} appointed {target} {role} of {org}, which had none: {reason}",
        attempt="appoint an Authorized Representative of {org}",
        service="organization.recover",
    ),
    Action(
        "organization.exported",
        done="{actor} downloaded the {what} of {org}.",
        attempt="download the records of {org}",
        service=("organization.export_contacts", "organization.export_audit"),
        change=False,
    ),
)

"""The registry's audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "organization.created",
        done=gettext_noop("{actor} registered the organization {org}."),
        attempt=gettext_noop("register an organization"),
        service="organization.create",
    ),
    Action(
        "organization.updated",
        done=gettext_noop("{actor} corrected the details of {org}."),
        attempt=gettext_noop("correct the details of {org}"),
        service="organization.update",
    ),
    Action(
        "person.searched",
        done=gettext_noop("{actor} searched for persons."),
        attempt=gettext_noop("search for persons"),
        service="person.search",
        change=False,
    ),
    Action(
        "person.registered",
        done=gettext_noop("{actor} registered {target} as a new person."),
        attempt=gettext_noop("register a new person for {org}"),
        service="person.register",
    ),
    Action(
        "person.updated",
        organization=False,
        done=gettext_noop("{actor} updated the contact information of {target}."),
        attempt=gettext_noop("update the contact information of {target}"),
        service="person.update",
    ),
    Action(
        "member.added",
        done=gettext_noop("{actor} added {target} to {org}."),
        attempt=gettext_noop("add {target} to {org}"),
        service="member.add",
    ),
    Action(
        "member.removed",
        done=gettext_noop("{actor} removed {target} from {org}."),
        attempt=gettext_noop("remove {target} from {org}"),
        service="member.remove",
    ),
    Action(
        "contact.added",
        summary=gettext_noop("Register someone as a contact of the organization"),
        done=gettext_noop("{actor} registered {target} as {role} of {org}."),
        attempt=gettext_noop("register {target} as {role} of {org}"),
        service="contact.add",
    ),
    Action(
        "contact.removed",
        summary=gettext_noop("Remove someone as a contact of the organization"),
        done=gettext_noop("{actor} removed {target} as {role} of {org}."),
        attempt=gettext_noop("remove {target} as {role} of {org}"),
        service="contact.remove",
    ),
    Action(
        "role_type.created",
        organization=False,
        done=gettext_noop("{actor} added the registration role {target}."),
        attempt=gettext_noop("change the registration roles"),
        service="role_type.save",
    ),
    Action(
        "role_type.updated",
        organization=False,
        done=gettext_noop("{actor} changed the registration role {target}."),
        attempt=gettext_noop("change the registration role {target}"),
    ),
    Action(
        "role_type.deleted",
        organization=False,
        done=gettext_noop("{actor} removed the registration role {target}."),
        attempt=gettext_noop("remove the registration role {target}"),
        service="role_type.delete",
    ),
    Action(
        "access.denied",
        change=False,
        done=gettext_noop("{actor} was refused access to {target}."),
        attempt=gettext_noop("open {target}"),
        refused=gettext_noop("{actor} tried to open {target} and was refused: {reason}"),
    ),
    Action(
        "person.email_change_requested",
        organization=False,
        done=gettext_noop(
            "{actor} asked to change the e-mail address of {target}; it waits for "
            "confirmation from the new address."
        ),
        attempt=gettext_noop("change the e-mail address of {target}"),
    ),
    Action(
        "person.email_changed",
        organization=False,
        done=gettext_noop("The new e-mail address of {target} was confirmed and is now in use."),
        attempt=gettext_noop("confirm a new e-mail address"),
        service="person.email_confirm",
    ),
    Action(
        "person.email_change_cancelled",
        organization=False,
        done=gettext_noop("{actor} cancelled the change of e-mail address of {target}."),
        attempt=gettext_noop("cancel a change of e-mail address"),
        service="person.email_cancel",
    ),
    Action(
        "member.confirmation_requested",
        summary=gettext_noop("Ask someone to confirm joining the organization"),
        done=gettext_noop("{actor} asked {target} to confirm joining {org}."),
        attempt=gettext_noop("add {target} to {org}"),
        service="member.confirm",
    ),
    Action(
        "member.declined",
        done=gettext_noop("{actor} declined to join {org}."),
        attempt=gettext_noop("decline to join {org}"),
        service="member.decline",
    ),
    Action(
        "section.created",
        done=gettext_noop("{actor} registered {target} of {org} for {role}."),
        attempt=gettext_noop("register a section of {org}"),
        service="section.create",
    ),
    Action(
        "section.updated",
        done=gettext_noop("{actor} changed {target} of {org}."),
        attempt=gettext_noop("change {target} of {org}"),
        service="section.update",
    ),
    Action(
        "section.deleted",
        done=gettext_noop("{actor} removed {target} of {org}."),
        attempt=gettext_noop("remove {target} of {org}"),
        service="section.delete",
    ),
    Action(
        "section.email_change_requested",
        done=gettext_noop(
            "A confirmation link was sent to the shared e-mail of {target} of {org}."
        ),
        attempt=gettext_noop("change the shared e-mail of {target} of {org}"),
    ),
    Action(
        "section.email_confirmed",
        done=gettext_noop(
            "The shared e-mail of {target} of {org} was confirmed from the link sent to it."
        ),
        attempt=gettext_noop("confirm the shared e-mail of a section"),
        service="section.email_confirm",
    ),
)

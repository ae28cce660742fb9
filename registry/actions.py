"""The registry's audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "organization.created",
        done="{actor} registered the organization {org}.",
        attempt="register an organization",
        service="organization.create",
    ),
    Action(
        "organization.updated",
        done="{actor} corrected the details of {org}.",
        attempt="correct the details of {org}",
        service="organization.update",
    ),
    Action(
        "person.searched",
        done="{actor} searched for persons.",
        attempt="search for persons",
        service="person.search",
        change=False,
    ),
    Action(
        "person.registered",
        done="{actor} registered {target} as a new person.",
        attempt="register a new person for {org}",
        service="person.register",
    ),
    Action(
        "person.updated",
        organization=False,
        done="{actor} updated the contact information of {target}.",
        attempt="update the contact information of {target}",
        service="person.update",
    ),
    Action(
        "member.added",
        done="{actor} added {target} to {org}.",
        attempt="add {target} to {org}",
        service="member.add",
    ),
    Action(
        "member.removed",
        done="{actor} removed {target} from {org}.",
        attempt="remove {target} from {org}",
        service="member.remove",
    ),
    Action(
        "contact.added",
        summary="Register someone as a contact of the organization",
        done="{actor} registered {target} as {role} of {org}.",
        attempt="register {target} as {role} of {org}",
        service="contact.add",
    ),
    Action(
        "contact.removed",
        summary="Remove someone as a contact of the organization",
        done="{actor} removed {target} as {role} of {org}.",
        attempt="remove {target} as {role} of {org}",
        service="contact.remove",
    ),
    Action(
        "role_type.created",
        organization=False,
        done="{actor} added the registration role {target}.",
        attempt="change the registration roles",
        service="role_type.save",
    ),
    Action(
        "role_type.updated",
        organization=False,
        done="{actor} changed the registration role {target}.",
        attempt="change the registration role {target}",
    ),
    Action(
        "role_type.deleted",
        organization=False,
        done="{actor} removed the registration role {target}.",
        attempt="remove the registration role {target}",
        service="role_type.delete",
    ),
    Action(
        "access.denied",
        change=False,
        done="{actor} was refused access to {target}.",
        attempt="open {target}",
        refused="{actor} tried to open {target} and was refused: {reason}",
    ),
    Action(
        "person.email_change_requested",
        organization=False,
        done="{actor} asked to change the e-mail address of {target}; it waits for "
        "confirmation from the new address.",
        attempt="change the e-mail address of {target}",
    ),
    Action(
        "person.email_changed",
        organization=False,
        done="The new e-mail address of {target} was confirmed and is now in use.",
        attempt="confirm a new e-mail address",
        service="person.email_confirm",
    ),
    Action(
        "person.email_change_cancelled",
        organization=False,
        done="{actor} cancelled the change of e-mail address of {target}.",
        attempt="cancel a change of e-mail address",
        service="person.email_cancel",
    ),
    Action(
        "member.confirmation_requested",
        summary="Ask someone to confirm joining the organization",
        done="{actor} asked {target} to confirm joining {org}.",
        attempt="add {target} to {org}",
        service="member.confirm",
    ),
    Action(
        "member.declined",
        done="{actor} declined to join {org}.",
        attempt="decline to join {org}",
        service="member.decline",
    ),
    Action(
        "section.created",
        done="{actor} registered {target} of {org} for {role}.",
        attempt="register a section of {org}",
        service="section.create",
    ),
    Action(
        "section.updated",
        done="{actor} changed {target} of {org}.",
        attempt="change {target} of {org}",
        service="section.update",
    ),
    Action(
        "section.deleted",
        done="{actor} removed {target} of {org}.",
        attempt="remove {target} of {org}",
        service="section.delete",
    ),
    Action(
        "section.email_change_requested",
        done="A confirmation link was sent to the shared e-mail of {target} of {org}.",
        attempt="change the shared e-mail of {target} of {org}",
    ),
    Action(
        "section.email_confirmed",
        done="The shared e-mail of {target} of {org} was confirmed from the link sent to it.",
        attempt="confirm the shared e-mail of a section",
        service="section.email_confirm",
    ),
)

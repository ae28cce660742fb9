"""Access to the operator's systems: the audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "access.granted",
        done=gettext_noop("For {org}, {actor} granted {target} {level} access to {system}."),
        attempt=gettext_noop("grant {target} access to {system} for {org}"),
        service="access.grant",
    ),
    Action(
        "access.changed",
        done=gettext_noop("For {org}, {actor} changed {target}'s access to {system} to {level}."),
        attempt=gettext_noop("change {target}'s access to {system} for {org}"),
    ),
    Action(
        "access.revoked",
        done=gettext_noop("For {org}, {actor} revoked {target}'s access to {system}."),
        attempt=gettext_noop("revoke {target}'s access to {system} for {org}"),
        service="access.revoke",
    ),
    Action(
        "access.expired",
        done=gettext_noop("For {org}, {target}'s access to {system} expired."),
        attempt=gettext_noop("end access that had expired"),
        service="access.expire",
    ),
    Action(
        "access.requested",
        done=gettext_noop("For {org}, {actor} asked for {level} access to {system}."),
        attempt=gettext_noop("ask for access to {system} for {org}"),
        service="access.request",
    ),
    Action(
        "access.request_rejected",
        done=gettext_noop("For {org}, {actor} refused {target} access to {system}."),
        attempt=gettext_noop("refuse {target} access to {system}"),
    ),
    Action(
        "access.confirmed",
        done=gettext_noop(
            "For {org}, {actor} confirmed in an access review that {target} keeps {level} "
            "access to {system}."
        ),
        attempt=gettext_noop("confirm {target}'s access in an access review of {org}"),
        service="access_review.confirm",
    ),
    Action(
        "access.lapsed",
        done=gettext_noop(
            "For {org}, {target}'s access to {system} ended: it was not confirmed in an access "
            "review by its deadline."
        ),
        attempt=gettext_noop("end access not confirmed in an access review"),
        service="access_review.lapse",
    ),
    Action(
        "access_review.revoked",
        done=gettext_noop(
            "For {org}, {actor} revoked in an access review {target}'s access to {system}."
        ),
        attempt=gettext_noop("revoke access in an access review of {org}"),
        service="access_review.revoke",
    ),
    Action(
        "access_review.confirmed_all",
        done=gettext_noop(
            "{actor} confirmed every remaining grant of the review of {org}'s access."
        ),
        attempt=gettext_noop("confirm every remaining grant of the review of {org}'s access"),
        service="access_review.confirm_all",
    ),
    Action(
        "access_review.campaign_started",
        organization=False,
        done=gettext_noop("{actor} started the access review {target}."),
        attempt=gettext_noop("start an access review"),
        service="access_review.start_campaign",
    ),
    Action(
        "access_review.opened",
        done=gettext_noop(
            "The Rights Administrators of {org} were asked to review its access to the "
            "operator's systems ({target})."
        ),
        attempt=gettext_noop("open a review of {org}'s access"),
    ),
    Action(
        "access_review.completed",
        done=gettext_noop("{actor} completed the review of {org}'s access ({target})."),
        attempt=gettext_noop("complete the review of {org}'s access"),
    ),
    Action(
        "access_review.lapsed",
        done=gettext_noop(
            "The review of {org}'s access ({target}) reached its deadline; access not "
            "confirmed was revoked."
        ),
        attempt=gettext_noop("close the review of {org}'s access"),
    ),
    Action(
        "information_system.created",
        organization=False,
        done=gettext_noop("{actor} added the information system {target}."),
        attempt=gettext_noop("change the operator's information systems"),
        service="information_system.save",
    ),
    Action(
        "information_system.updated",
        organization=False,
        done=gettext_noop("{actor} changed the information system {target}."),
        attempt=gettext_noop("change the information system {target}"),
    ),
)

register(
    Action(
        "machine_account.requested",
        done=gettext_noop("For {org}, {actor} asked for {target} with {level} access to {system}."),
        attempt=gettext_noop("ask for a machine account for {org}"),
        service="machine_account.request",
    ),
    Action(
        "machine_account.approved",
        done=gettext_noop("For {org}, {actor} approved {target} with {level} access to {system}."),
        attempt=gettext_noop("approve {target} for {org}"),
    ),
    Action(
        "machine_account.rejected",
        done=gettext_noop("For {org}, {actor} rejected {target}."),
        attempt=gettext_noop("reject {target} for {org}"),
    ),
    Action(
        "machine_account.credentials_issued",
        done=gettext_noop("For {org}, {actor} issued credentials for {target}."),
        attempt=gettext_noop("issue credentials for {target} of {org}"),
        service="machine_account.issue_credentials",
    ),
    Action(
        "machine_account.renewal_requested",
        done=gettext_noop("For {org}, {actor} asked to renew {target} for a year."),
        attempt=gettext_noop("renew {target} of {org}"),
        service="machine_account.renew",
    ),
    Action(
        "machine_account.renewed",
        done=gettext_noop("For {org}, {actor} approved the renewal of {target}."),
        attempt=gettext_noop("approve the renewal of {target} of {org}"),
    ),
    Action(
        "machine_account.renewal_rejected",
        done=gettext_noop("For {org}, {actor} rejected the renewal of {target}."),
        attempt=gettext_noop("reject the renewal of {target} of {org}"),
    ),
    Action(
        "machine_account.confirmed",
        done=gettext_noop(
            "For {org}, {actor} confirmed in an access review that {target} is still needed."
        ),
        attempt=gettext_noop("confirm {target} of {org} in an access review"),
    ),
    Action(
        "machine_account.revoked",
        done=gettext_noop("For {org}, {actor} revoked {target}."),
        attempt=gettext_noop("revoke {target} of {org}"),
        service="machine_account.revoke",
    ),
    Action(
        "machine_account.owner_gone",
        summary=gettext_noop("Revoke a machine account whose owner left or lost every role"),
        done=gettext_noop(
            "For {org}, {target} was revoked: its owner left or holds no role any more."
        ),
        attempt=gettext_noop("revoke {target} of {org}"),
    ),
    Action(
        "machine_account.expired",
        done=gettext_noop("For {org}, {target} expired."),
        attempt=gettext_noop("end machine accounts that had expired"),
        service="machine_account.expire",
    ),
)

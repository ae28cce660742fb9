"""Access to the operator's systems: the audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "access.granted",
        done="For {org}, {actor} granted {target} {level} access to {system}.",
        attempt="grant {target} access to {system} for {org}",
        service="access.grant",
    ),
    Action(
        "access.changed",
        done="For {org}, {actor} changed {target}'s access to {system} to {level}.",
        attempt="change {target}'s access to {system} for {org}",
    ),
    Action(
        "access.revoked",
        done="For {org}, {actor} revoked {target}'s access to {system}.",
        attempt="revoke {target}'s access to {system} for {org}",
        service="access.revoke",
    ),
    Action(
        "access.expired",
        done="For {org}, {target}'s access to {system} expired.",
        attempt="end access that had expired",
        service="access.expire",
    ),
    Action(
        "access.requested",
        done="For {org}, {actor} asked for {level} access to {system}.",
        attempt="ask for access to {system} for {org}",
        service="access.request",
    ),
    Action(
        "access.request_rejected",
        done="For {org}, {actor} refused {target} access to {system}.",
        attempt="refuse {target} access to {system}",
    ),
    Action(
        "access.confirmed",
        done="For {org}, {actor} confirmed in an access review that {target} keeps {level} "
        "access to {system}.",
        attempt="confirm {target}'s access in an access review of {org}",
        service="access_review.confirm",
    ),
    Action(
        "access.lapsed",
        done="For {org}, {target}'s access to {system} ended: it was not confirmed in an access "
        "review by its deadline.",
        attempt="end access not confirmed in an access review",
        service="access_review.lapse",
    ),
    Action(
        "access_review.revoked",
        done="For {org}, {actor} revoked in an access review {target}'s access to {system}.",
        attempt="revoke access in an access review of {org}",
        service="access_review.revoke",
    ),
    Action(
        "access_review.confirmed_all",
        done="{actor} confirmed every remaining grant of the review of {org}'s access.",
        attempt="confirm every remaining grant of the review of {org}'s access",
        service="access_review.confirm_all",
    ),
    Action(
        "access_review.campaign_started",
        organization=False,
        done="{actor} started the access review {target}.",
        attempt="start an access review",
        service="access_review.start_campaign",
    ),
    Action(
        "access_review.opened",
        done="The Rights Administrators of {org} were asked to review its access to the "
        "operator's systems ({target}).",
        attempt="open a review of {org}'s access",
    ),
    Action(
        "access_review.completed",
        done="{actor} completed the review of {org}'s access ({target}).",
        attempt="complete the review of {org}'s access",
    ),
    Action(
        "access_review.lapsed",
        done="The review of {org}'s access ({target}) reached its deadline; access not "
        "confirmed was revoked.",
        attempt="close the review of {org}'s access",
    ),
    Action(
        "information_system.created",
        organization=False,
        done="{actor} added the information system {target}.",
        attempt="change the operator's information systems",
        service="information_system.save",
    ),
    Action(
        "information_system.updated",
        organization=False,
        done="{actor} changed the information system {target}.",
        attempt="change the information system {target}",
    ),
)

register(
    Action(
        "machine_account.requested",
        done="For {org}, {actor} asked for {target} with {level} access to {system}.",
        attempt="ask for a machine account for {org}",
        service="machine_account.request",
    ),
    Action(
        "machine_account.approved",
        done="For {org}, {actor} approved {target} with {level} access to {system}.",
        attempt="approve {target} for {org}",
    ),
    Action(
        "machine_account.rejected",
        done="For {org}, {actor} rejected {target}.",
        attempt="reject {target} for {org}",
    ),
    Action(
        "machine_account.credentials_issued",
        done="For {org}, {actor} issued credentials for {target}.",
        attempt="issue credentials for {target} of {org}",
        service="machine_account.issue_credentials",
    ),
    Action(
        "machine_account.renewal_requested",
        done="For {org}, {actor} asked to renew {target} for a year.",
        attempt="renew {target} of {org}",
        service="machine_account.renew",
    ),
    Action(
        "machine_account.renewed",
        done="For {org}, {actor} approved the renewal of {target}.",
        attempt="approve the renewal of {target} of {org}",
    ),
    Action(
        "machine_account.renewal_rejected",
        done="For {org}, {actor} rejected the renewal of {target}.",
        attempt="reject the renewal of {target} of {org}",
    ),
    Action(
        "machine_account.confirmed",
        done="For {org}, {actor} confirmed in an access review that {target} is still needed.",
        attempt="confirm {target} of {org} in an access review",
    ),
    Action(
        "machine_account.revoked",
        done="For {org}, {actor} revoked {target}.",
        attempt="revoke {target} of {org}",
        service="machine_account.revoke",
    ),
    Action(
        "machine_account.owner_gone",
        summary="Revoke a machine account whose owner left or lost every role",
        done="For {org}, {target} was revoked: its owner left or holds no role any more.",
        attempt="revoke {target} of {org}",
    ),
    Action(
        "machine_account.expired",
        done="For {org}, {target} expired.",
        attempt="end machine accounts that had expired",
        service="machine_account.expire",
    ),
)

"""Participation's audit vocabulary (see audit/actions.py). Entries about an application name
it as their target ("Market Participant application 3"), so its timeline is its entries."""

from audit.actions import Action, register

register(
    Action(
        "participation.started",
        done="{actor} started {target} for {org}.",
        attempt="start an application for {org}",
        service="participation.start",
    ),
    Action(
        "participation.requirement_submitted",
        done="{actor} submitted {requirement_name} for {target}.",
        attempt="submit a requirement of an application of {org}",
        service="participation.submit_requirement",
    ),
    Action(
        "participation.requirement_resubmitted",
        done="{actor} submitted {requirement_name} again for {target}.",
        attempt="submit a requirement of an application of {org} again",
    ),
    Action(
        "participation.submitted",
        done="{actor} submitted {target} of {org} for review.",
        attempt="submit an application of {org} for review",
        service="participation.submit",
    ),
    Action(
        "participation.requirement_accepted",
        done="{actor} accepted {requirement_name} of {target}.",
        attempt="review a requirement of an application of {org}",
        service="participation.review_requirement",
    ),
    Action(
        "participation.requirement_returned",
        done="{actor} returned {requirement_name} of {target} for changes: {reason}",
        attempt="return a requirement of an application of {org}",
    ),
    Action(
        "participation.fee_recorded",
        done="{actor} recorded {requirement_name} of {target} as received ({amount}, reference "
        "{reference}).",
        attempt="record a fee of an application of {org} as received",
        service="participation.record_fee",
    ),
    Action(
        "participation.authorized",
        done="{actor} authorized {org} as {participation_type_name} from {effective_from} "
        "({target}).",
        attempt="authorize an application of {org}",
        service="participation.authorize",
    ),
    Action(
        "participation.suspended",
        done="{actor} suspended the participation of {org} ({target}): {reason}",
        attempt="suspend a participation of {org}",
        service="participation.suspend",
    ),
    Action(
        "participation.reinstated",
        done="{actor} reinstated the participation of {org} ({target}).",
        attempt="reinstate a participation of {org}",
        service="participation.reinstate",
    ),
    Action(
        "participation.withdrawn",
        done="{actor} withdrew {target} of {org}.",
        attempt="withdraw an application of {org}",
        service="participation.withdraw",
    ),
    Action(
        "participation_type.created",
        organization=False,
        done="{actor} added the participation type {target}.",
        attempt="change the participation types",
        service="participation_type.save",
    ),
    Action(
        "participation_type.updated",
        organization=False,
        done="{actor} changed the participation type {target}.",
        attempt="change the participation type {target}",
    ),
    Action(
        "participation_requirement.created",
        organization=False,
        done="{actor} added the requirement {target} to {participation_type}.",
        attempt="change the requirements of a participation type",
        service="participation_requirement.save",
    ),
    Action(
        "participation_requirement.updated",
        organization=False,
        done="{actor} changed the requirement {target} of {participation_type}.",
        attempt="change the requirement {target}",
    ),
    Action(
        "participation_requirement.deleted",
        organization=False,
        done="{actor} removed the requirement {target} from {participation_type}.",
        attempt="remove a requirement of a participation type",
        service="participation_requirement.delete",
    ),
)

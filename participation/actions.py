"""Participation's audit vocabulary (see audit/actions.py). Entries about an application name
it as their target ("Market Participant application 3"), so its timeline is its entries."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "participation.started",
        done=gettext_noop("{actor} started {target} for {org}."),
        attempt=gettext_noop("start an application for {org}"),
        service="participation.start",
    ),
    Action(
        "participation.requirement_submitted",
        done=gettext_noop("{actor} submitted {requirement_name} for {target}."),
        attempt=gettext_noop("submit a requirement of an application of {org}"),
        service="participation.submit_requirement",
    ),
    Action(
        "participation.requirement_resubmitted",
        done=gettext_noop("{actor} submitted {requirement_name} again for {target}."),
        attempt=gettext_noop("submit a requirement of an application of {org} again"),
    ),
    Action(
        "participation.submitted",
        done=gettext_noop("{actor} submitted {target} of {org} for review."),
        attempt=gettext_noop("submit an application of {org} for review"),
        service="participation.submit",
    ),
    Action(
        "participation.requirement_accepted",
        done=gettext_noop("{actor} accepted {requirement_name} of {target}."),
        attempt=gettext_noop("review a requirement of an application of {org}"),
        service="participation.review_requirement",
    ),
    Action(
        "participation.requirement_returned",
        done=gettext_noop("{actor} returned {requirement_name} of {target} for changes: {reason}"),
        attempt=gettext_noop("return a requirement of an application of {org}"),
    ),
    Action(
        "participation.fee_recorded",
        done=gettext_noop(
            "{actor} recorded {requirement_name} of {target} as received ({amount}, reference "
            "{reference})."
        ),
        attempt=gettext_noop("record a fee of an application of {org} as received"),
        service="participation.record_fee",
    ),
    Action(
        "participation.authorized",
        done=gettext_noop(
            "{actor} authorized {org} as {participation_type_name} from {effective_from} "
            "({target})."
        ),
        attempt=gettext_noop("authorize an application of {org}"),
        service="participation.authorize",
    ),
    Action(
        "participation.suspended",
        done=gettext_noop("{actor} suspended the participation of {org} ({target}): {reason}"),
        attempt=gettext_noop("suspend a participation of {org}"),
        service="participation.suspend",
    ),
    Action(
        "participation.reinstated",
        done=gettext_noop("{actor} reinstated the participation of {org} ({target})."),
        attempt=gettext_noop("reinstate a participation of {org}"),
        service="participation.reinstate",
    ),
    Action(
        "participation.withdrawn",
        done=gettext_noop("{actor} withdrew {target} of {org}."),
        attempt=gettext_noop("withdraw an application of {org}"),
        service="participation.withdraw",
    ),
    Action(
        "participation_type.created",
        organization=False,
        done=gettext_noop("{actor} added the participation type {target}."),
        attempt=gettext_noop("change the participation types"),
        service="participation_type.save",
    ),
    Action(
        "participation_type.updated",
        organization=False,
        done=gettext_noop("{actor} changed the participation type {target}."),
        attempt=gettext_noop("change the participation type {target}"),
    ),
    Action(
        "participation_requirement.created",
        organization=False,
        done=gettext_noop("{actor} added the requirement {target} to {participation_type}."),
        attempt=gettext_noop("change the requirements of a participation type"),
        service="participation_requirement.save",
    ),
    Action(
        "participation_requirement.updated",
        organization=False,
        done=gettext_noop("{actor} changed the requirement {target} of {participation_type}."),
        attempt=gettext_noop("change the requirement {target}"),
    ),
    Action(
        "participation_requirement.deleted",
        organization=False,
        done=gettext_noop("{actor} removed the requirement {target} from {participation_type}."),
        attempt=gettext_noop("remove a requirement of a participation type"),
        service="participation_requirement.delete",
    ),
)

"""Certification: the audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "certification.campaign_started",
        organization=False,
        done="{actor} started the certification {target}.",
        attempt="start a certification",
        service="certification.start_campaign",
    ),
    Action(
        "certification.opened",
        done="The Authorized Representatives of {org} were asked to certify its registration "
        "({target}).",
        attempt="open a certification of {org}",
    ),
    Action(
        "certification.entry_confirmed",
        done="For {org}, {actor} confirmed an entry of {target}: {entry}.",
        attempt="confirm an entry of {org}'s certification",
        service="certification.confirm",
    ),
    Action(
        "certification.confirmed_all",
        done="For {org}, {actor} confirmed every remaining entry of {target}.",
        attempt="confirm every remaining entry of {org}'s certification",
        service="certification.confirm_all",
    ),
    Action(
        "certification.attested",
        done="{actor} attested {org}'s registration ({target}); the list certified has the "
        "SHA-256 {sha256}.",
        attempt="attest {org}'s registration",
    ),
    Action(
        "certification.escalated",
        done="{org}'s certification ({target}) passed its deadline unattested and went to "
        "operator staff.",
        attempt="escalate {org}'s certification to operator staff",
        service="certification.escalate",
    ),
)

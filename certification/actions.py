"""Certification: the audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "certification.campaign_started",
        organization=False,
        done=gettext_noop("{actor} started the certification {target}."),
        attempt=gettext_noop("start a certification"),
        service="certification.start_campaign",
    ),
    Action(
        "certification.opened",
        done=gettext_noop(
            "The Authorized Representatives of {org} were asked to certify its registration "
            "({target})."
        ),
        attempt=gettext_noop("open a certification of {org}"),
    ),
    Action(
        "certification.entry_confirmed",
        done=gettext_noop("For {org}, {actor} confirmed an entry of {target}: {entry}."),
        attempt=gettext_noop("confirm an entry of {org}'s certification"),
        service="certification.confirm",
    ),
    Action(
        "certification.confirmed_all",
        done=gettext_noop("For {org}, {actor} confirmed every remaining entry of {target}."),
        attempt=gettext_noop("confirm every remaining entry of {org}'s certification"),
        service="certification.confirm_all",
    ),
    Action(
        "certification.attested",
        done=gettext_noop(
            "{actor} attested {org}'s registration ({target}); the list certified has the "
            "SHA-256 {sha256}."
        ),
        attempt=gettext_noop("attest {org}'s registration"),
    ),
    Action(
        "certification.escalated",
        done=gettext_noop(
            "{org}'s certification ({target}) passed its deadline unattested and went to "
            "operator staff."
        ),
        attempt=gettext_noop("escalate {org}'s certification to operator staff"),
        service="certification.escalate",
    ),
)

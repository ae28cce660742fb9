"""Banking's audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "banking.change_submitted",
        done=gettext_noop(
            "{actor} submitted new banking information for {org} for approval ({target})."
        ),
        attempt=gettext_noop("submit new banking information for {org}"),
        service="banking.submit",
    ),
    Action(
        "banking.change_approved",
        done=gettext_noop(
            "{actor} approved new banking information for {org} ({target}); it is now in force."
        ),
        attempt=gettext_noop("approve new banking information for {org}"),
    ),
    Action(
        "banking.change_rejected",
        done=gettext_noop(
            "{actor} rejected new banking information for {org} ({target}); the information "
            "in force is unchanged."
        ),
        attempt=gettext_noop("reject new banking information for {org}"),
    ),
    Action(
        "banking.change_superseded",
        done=gettext_noop(
            "{actor} replaced a banking change of {org} that was waiting for approval ({target})."
        ),
        attempt=gettext_noop("replace a banking change of {org}"),
    ),
    Action(
        "banking.revealed",
        done=gettext_noop("{actor} viewed the full banking numbers of {org}."),
        attempt=gettext_noop("view the full banking numbers of {org}"),
        service="banking.reveal",
        change=False,
    ),
)

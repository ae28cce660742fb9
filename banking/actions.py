"""Banking's audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "banking.change_submitted",
        done="{actor} submitted new banking information for {org} for approval ({target}).",
        attempt="submit new banking information for {org}",
        service="banking.submit",
    ),
    Action(
        "banking.change_approved",
        done="{actor} approved new banking information for {org} ({target}); it is now in force.",
        attempt="approve new banking information for {org}",
    ),
    Action(
        "banking.change_rejected",
        done="{actor} rejected new banking information for {org} ({target}); the information "
        "in force is unchanged.",
        attempt="reject new banking information for {org}",
    ),
    Action(
        "banking.change_superseded",
        done="{actor} replaced a banking change of {org} that was waiting for approval ({target}).",
        attempt="replace a banking change of {org}",
    ),
    Action(
        "banking.revealed",
        done="{actor} viewed the full banking numbers of {org}.",
        attempt="view the full banking numbers of {org}",
        service="banking.reveal",
        change=False,
    ),
)

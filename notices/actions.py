"""Announcements and notices: the audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "announcement.published",
        organization=False,
        done="{actor} published the announcement “{target}”.",
        attempt="publish an announcement",
        service="announcement.publish",
    ),
    Action(
        "announcement.withdrawn",
        organization=False,
        done="{actor} withdrew the announcement “{target}”.",
        attempt="withdraw the announcement “{target}”",
        service="announcement.withdraw",
    ),
    Action(
        "notice.issued",
        done="{actor} issued the notice “{target}” to the {role}.",
        attempt="issue a notice",
        service="notice.issue",
    ),
)

"""Announcements and notices: the audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "announcement.published",
        organization=False,
        done=gettext_noop("{actor} published the announcement “{target}”."),
        attempt=gettext_noop("publish an announcement"),
        service="announcement.publish",
    ),
    Action(
        "announcement.withdrawn",
        organization=False,
        done=gettext_noop("{actor} withdrew the announcement “{target}”."),
        attempt=gettext_noop("withdraw the announcement “{target}”"),
        service="announcement.withdraw",
    ),
    Action(
        "notice.issued",
        done=gettext_noop("{actor} issued the notice “{target}” to the {role}."),
        attempt=gettext_noop("issue a notice"),
        service="notice.issue",
    ),
)

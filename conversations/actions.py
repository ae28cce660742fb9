"""Conversations' audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "comment.added",
        done=gettext_noop("{actor} wrote in the conversation on {target}."),
        attempt=gettext_noop("write in the conversation on {target}"),
        service="comment.add",
    ),
)

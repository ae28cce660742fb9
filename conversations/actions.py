"""Conversations' audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "comment.added",
        done="{actor} wrote in the conversation on {target}.",
        attempt="write in the conversation on {target}",
        service="comment.add",
    ),
)

"""Conversations: add a comment to a thread (checked, recorded, audited, its audience told)."""

from django.utils.translation import gettext_lazy as _

from audit.log import actor_label, record
from conversations import notifications, rules
from conversations.forms import CommentForm
from conversations.models import Comment
from conversations.threads import Thread
from core.forms import validated
from core.services import service
from registry.rules import is_operator_staff


@service("comment.add", org="thread.organization", target="thread.subject")
def add_comment(thread: Thread, *, body: str, actor) -> Comment:
    """Add the actor's comment to the thread (found with `get_thread_for`, so the actor may
    read it). The kind says whether they may write now; the text is checked by CommentForm."""
    refusal = rules.write_refusal(actor, thread)
    if refusal is not None:
        raise refusal
    cleaned = validated(
        CommentForm(data={"body": body}), message=_("Your comment needs correcting.")
    )
    comment = Comment.objects.create(
        thread_kind=thread.kind.code,
        subject_id=thread.subject_id,
        subject_title=thread.title[:200],
        organization=thread.organization,
        author=actor,
        author_label=actor_label(actor)[:200],
        by_operator=is_operator_staff(actor),
        body=cleaned["body"],
    )
    record(
        actor,
        "comment.added",
        org=thread.organization,
        target=comment,
        details={
            "comment_id": comment.pk,
            "thread": thread.kind.code,
            "subject_id": thread.subject_id,
        },
    )
    notifications.comment_added(thread, comment, author=actor)
    return comment

"""Conversations in the JSON API: a task's thread here; an application's in participation's
router, with the same schemas and service."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Router, Status
from pydantic import StringConstraints

from conversations import queries, rules, services
from conversations.access import get_thread_for
from conversations.forms import COMMENT_PATTERN
from conversations.models import BODY_MAX
from conversations.threads import Thread
from core.api import In, Schema, responses

router = Router(tags=["conversations"])


class ThreadCommentOut(Schema):
    comment_id: int
    author: str = Field(description="The author's name as it was when they wrote.")
    by_operator: bool = Field(description="Written by operator staff.")
    body: str = Field(description="Plain text; line breaks kept.")
    created_at: datetime


class ConversationOut(Schema):
    thread: str = Field(description="What it hangs on: task or application.")
    subject_id: int
    can_comment: bool
    closed_because: str | None = Field(description="Why you may not comment now, if not.")
    comments: list[ThreadCommentOut]


class ThreadCommentIn(In):
    body: Annotated[str, StringConstraints(max_length=BODY_MAX, pattern=COMMENT_PATTERN)] = Field(
        ..., description="Plain text over one or more lines, with a letter or digit in it."
    )


def comment_out(comment) -> dict:
    return {
        "comment_id": comment.pk,
        "author": comment.author_label,
        "by_operator": comment.by_operator,
        "body": comment.body,
        "created_at": comment.created_at,
    }


def conversation_out(thread: Thread, user) -> dict:
    refusal = rules.write_refusal(user, thread)
    return {
        "thread": thread.kind.code,
        "subject_id": thread.subject_id,
        "can_comment": refusal is None,
        "closed_because": refusal.message if refusal else None,
        "comments": [comment_out(c) for c in queries.comments_of(thread)],
    }


def add_comment(thread: Thread, payload: ThreadCommentIn, user):
    comment = services.add_comment(thread, body=payload.body, actor=user)
    return Status(201, comment_out(comment))


@router.get(
    "/tasks/{task_id}/comments",
    response=responses(200, ConversationOut, 404),
    operation_id="get_task_conversation",
    summary="A task's conversation (its group, its requester and operator staff), oldest first",
)
def get_task_conversation(request, task_id: int):
    return conversation_out(get_thread_for(request.auth, "task", task_id), request.auth)


@router.post(
    "/tasks/{task_id}/comments",
    response=responses(201, ThreadCommentOut, 404, 409),
    operation_id="comment_on_task",
    summary="Add a comment to a task's conversation (409 thread_closed once it is decided); "
    "everyone else in it is e-mailed",
)
def comment_on_task(request, task_id: int, payload: ThreadCommentIn):
    return add_comment(get_thread_for(request.auth, "task", task_id), payload, request.auth)

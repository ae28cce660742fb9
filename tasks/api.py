"""The task operations of the JSON API: the same access and services as the Tasks pages."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router

from audit.log import actor_label
from core.api import In, ListParams, Page, Schema, page, responses
from tasks import queries, services
from tasks.access import get_task_for
from tasks.models import Task

router = Router(tags=["tasks"])


class TaskOut(Schema):
    task_id: int
    kind: str
    org_id: int | None
    state: str
    accepted_by: str | None = Field(description="The name of whoever accepted it.")
    due: datetime
    summary: str
    created_at: datetime
    decided_at: datetime | None = Field(description="When it was decided, withdrawn or expired.")
    decided_by: str | None = Field(description="The name of whoever decided it.")


class TaskListParams(ListParams):
    view: Literal["open", "done", "mine"] = Field(
        "open",
        description="open: pending for me or my groups, soonest due first; done: my groups' "
        "decided, withdrawn or expired tasks, latest first; mine: the requests I made, latest "
        "first.",
    )


class TaskEventOut(Schema):
    at: datetime
    actor: str
    action: str
    comment: str


class TaskDetailOut(TaskOut):
    title: str
    roles: list[str]
    to_staff: bool
    history: list[TaskEventOut]


class CommentIn(In):
    comment: str = Field("", max_length=services.COMMENT_MAX)


def _name(user) -> str | None:
    return actor_label(user) if user is not None else None


def task_out(task: Task) -> dict:
    return {
        "task_id": task.pk,
        "kind": task.kind,
        "org_id": task.organization.org_id if task.organization_id else None,
        "state": task.state,
        "accepted_by": _name(task.accepted_by),
        "due": task.due,
        "summary": task.summary,
        "created_at": task.created_at,
        "decided_at": task.decided_at,
        "decided_by": _name(task.decided_by),
    }


def _detail(task: Task) -> dict:
    return {
        **task_out(task),
        "title": str(task.kind_label),
        "roles": sorted(task.roles.values_list("code", flat=True)),
        "to_staff": task.to_staff,
        "history": [
            {"at": e.at, "actor": e.actor_label, "action": e.action, "comment": e.comment}
            for e in queries.history(task)
        ],
    }


@router.get(
    "/tasks",
    response=responses(200, Page[TaskOut]),
    operation_id="list_tasks",
    summary="Tasks: open ones addressed to me or my groups (`view=open`, the default), my "
    "groups' decided ones (`view=done`), or the requests I made (`view=mine`)",
)
def list_tasks(request, params: Query[TaskListParams]):
    return page(queries.tasks_in_view(request.auth, params.view), params, out=task_out)


@router.get(
    "/tasks/{task_id}",
    response=responses(200, TaskDetailOut, 404),
    operation_id="get_task",
    summary="A task with its history and comments",
)
def get_task(request, task_id: int):
    return _detail(get_task_for(request.auth, task_id))


def _act(request, task_id: int, action) -> dict:
    task = get_task_for(request.auth, task_id)
    return _detail(get_task_for(request.auth, action(task).pk))


@router.post(
    "/tasks/{task_id}/accept",
    response=responses(200, TaskDetailOut, 403, 404, 409),
    operation_id="accept_task",
    summary="Accept the task: it becomes mine",
)
def accept_task(request, task_id: int):
    return _act(request, task_id, lambda t: services.accept_task(t, actor=request.auth))


@router.post(
    "/tasks/{task_id}/release",
    response=responses(200, TaskDetailOut, 403, 404, 409),
    operation_id="release_task",
    summary="Give an accepted task back to the group",
)
def release_task(request, task_id: int):
    return _act(request, task_id, lambda t: services.release_task(t, actor=request.auth))


@router.post(
    "/tasks/{task_id}/approve",
    response=responses(200, TaskDetailOut, 403, 404, 409),
    operation_id="approve_task",
    summary="Approve the task (its change is applied)",
)
def approve_task(request, task_id: int, payload: CommentIn | None = None):
    comment = payload.comment if payload else ""
    return _act(
        request, task_id, lambda t: services.approve_task(t, actor=request.auth, comment=comment)
    )


@router.post(
    "/tasks/{task_id}/reject",
    response=responses(200, TaskDetailOut, 403, 404, 409),
    operation_id="reject_task",
    summary="Reject the task with a comment (nothing is applied)",
)
def reject_task(request, task_id: int, payload: CommentIn):
    return _act(
        request,
        task_id,
        lambda t: services.reject_task(t, actor=request.auth, comment=payload.comment),
    )

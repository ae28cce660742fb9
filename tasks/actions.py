"""The task engine's audit vocabulary (see audit/actions.py). {target} is the task's label."""

from audit.actions import Action, register

register(
    Action(
        "task.created",
        done="A task was raised for {org}: {target}.",
        attempt="raise a task for {org}",
        service="task.create",
    ),
    Action(
        "task.accepted",
        done="{actor} accepted {target}.",
        attempt="accept {target}",
        service="task.accept",
    ),
    Action(
        "task.released",
        done="{actor} released {target}.",
        attempt="release {target}",
        service="task.release",
    ),
    Action(
        "task.approved",
        done="{actor} approved {target}.",
        attempt="approve {target}",
        service="task.approve",
    ),
    Action(
        "task.rejected",
        done="{actor} rejected {target}.",
        attempt="reject {target}",
        service="task.reject",
    ),
    Action(
        "task.commented",
        done="{actor} commented on {target}.",
        attempt="comment on {target}",
        service="task.comment",
    ),
    Action(
        "task.cancelled",
        done="{target} was withdrawn.",
        attempt="withdraw {target}",
        service="task.cancel",
    ),
    Action(
        "task.expired",
        done="{target} expired.",
        attempt="withdraw {target}",
        summary="Close a task that passed its end date",
    ),
    Action(
        "task.reminded",
        done="The group was reminded of overdue {target}.",
        attempt="remind the group of {target}",
        service="task.remind",
    ),
    Action(
        "task.escalated",
        done="Overdue {target} was escalated to {escalated_to}.",
        attempt="escalate {target}",
    ),
)

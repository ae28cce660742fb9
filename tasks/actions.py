"""The task engine's audit vocabulary (see audit/actions.py). {target} is the task's label."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "task.created",
        done=gettext_noop("A task was raised for {org}: {target}."),
        attempt=gettext_noop("raise a task for {org}"),
        service="task.create",
    ),
    Action(
        "task.accepted",
        done=gettext_noop("{actor} accepted {target}."),
        attempt=gettext_noop("accept {target}"),
        service="task.accept",
    ),
    Action(
        "task.released",
        done=gettext_noop("{actor} released {target}."),
        attempt=gettext_noop("release {target}"),
        service="task.release",
    ),
    Action(
        "task.approved",
        done=gettext_noop("{actor} approved {target}."),
        attempt=gettext_noop("approve {target}"),
        service="task.approve",
    ),
    Action(
        "task.rejected",
        done=gettext_noop("{actor} rejected {target}."),
        attempt=gettext_noop("reject {target}"),
        service="task.reject",
    ),
    Action(
        "task.commented",
        done=gettext_noop("{actor} commented on {target}."),
        attempt=gettext_noop("comment on {target}"),
        service="task.comment",
    ),
    Action(
        "task.cancelled",
        done=gettext_noop("{target} was withdrawn."),
        attempt=gettext_noop("withdraw {target}"),
        service="task.cancel",
    ),
    Action(
        "task.expired",
        done=gettext_noop("{target} expired."),
        attempt=gettext_noop("withdraw {target}"),
        summary=gettext_noop("Close a task that passed its end date"),
    ),
    Action(
        "task.reminded",
        done=gettext_noop("The group was reminded of overdue {target}."),
        attempt=gettext_noop("remind the group of {target}"),
        service="task.remind",
    ),
    Action(
        "task.escalated",
        done=gettext_noop("Overdue {target} was escalated to {escalated_to}."),
        attempt=gettext_noop("escalate {target}"),
    ),
)

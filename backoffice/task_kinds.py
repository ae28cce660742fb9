"""The review of an application to register an organization, as a task for operator staff."""

from datetime import timedelta

from backoffice.models import APPLICATION_REVIEW, OrganizationApplication
from backoffice.services import approve_now, reject_now
from tasks.kinds import TaskKind, register


def _approve(task, *, actor, comment: str) -> None:
    approve_now(OrganizationApplication.objects.get(pk=task.subject_id), actor=actor)


def _reject(task, *, actor, comment: str) -> None:
    reject_now(OrganizationApplication.objects.get(pk=task.subject_id), reason=comment, actor=actor)


def register_kinds() -> None:
    register(
        TaskKind(
            code=APPLICATION_REVIEW,
            label="Review an application to register an organization",
            on_approve=_approve,
            on_reject=_reject,
            subject_template="backoffice/_task_subject.html",
            approve_means="the organization is registered with its contacts (matched to "
            "registered persons by e-mail) and their roles, and the submitter is told.",
            reject_means="nothing is registered; the submitter is told your comment as the reason.",
            due_in=timedelta(days=5),
        )
    )

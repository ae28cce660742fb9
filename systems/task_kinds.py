"""The task kinds of the systems app, registered with the task engine at start-up."""

from datetime import timedelta

from systems.rules import ACCESS_GRANTERS
from tasks.kinds import TaskKind, register


def register_kinds() -> None:
    from systems import machines, reviews, services

    register(
        TaskKind(
            code=services.ACCESS_REQUEST_KIND,
            label="Approve access request",
            on_approve=services.approve_request,
            on_reject=services.reject_request,
            on_cancel=services.withdraw_request_on_cancel,
            subject_template="systems/_task_subject.html",
            due_in=timedelta(days=5),
            deciders=frozenset(ACCESS_GRANTERS),
            explain="approve or reject requests for access to the operator's systems",
            approve_means="{requester} gets this access at once (replacing any access held "
            "now) and is told.",
            reject_means="{requester}'s access stays as it is; they are told your reason.",
        )
    )
    register(
        TaskKind(
            code=reviews.REVIEW_KIND,
            label="Review access",
            on_approve=reviews.complete_on_approval,
            on_reject=reviews.refuse_rejection,
            on_cancel=reviews.refuse_withdrawal,
            approve_refusal=reviews.approve_refusal,
            subject_template="systems/_review_task_subject.html",
            raised_by=reviews.raised_by,
            rejectable=False,
            deciders=frozenset(ACCESS_GRANTERS),
            explain="review the organization's access to the operator's systems: confirm or "
            "revoke each grant (not their own)",
            approve_means="the review is complete: the grants confirmed above stay, those "
            "revoked are gone. Every grant must be decided first.",
        )
    )
    register(
        TaskKind(
            code=machines.MACHINE_ACCOUNT_KIND,
            label="Approve machine account",
            on_approve=machines.approve_machine_account,
            on_reject=machines.reject_machine_account,
            on_cancel=machines.withdraw_machine_account,
            subject_template="systems/_machine_task_subject.html",
            due_in=timedelta(days=5),
            deciders=frozenset(ACCESS_GRANTERS),
            explain="approve or reject machine accounts (not the ones they asked for)",
            approve_means="the machine account becomes a client of the portal for a year; a "
            "Rights Administrator then issues its credentials. {requester} and its owner are "
            "told.",
            reject_means="no machine account is created; {requester} is told your reason.",
        )
    )
    register(
        TaskKind(
            code=machines.MACHINE_RENEWAL_KIND,
            label="Renew machine account",
            on_approve=machines.approve_renewal,
            on_reject=machines.reject_renewal,
            on_cancel=machines.withdraw_renewal,
            subject_template="systems/_machine_task_subject.html",
            due_in=timedelta(days=5),
            deciders=frozenset(ACCESS_GRANTERS),
            explain="approve or reject the renewal of machine accounts",
            approve_means="the machine account counts for a year from today.",
            reject_means="the machine account still ends on its expiry date; {requester} is "
            "told your reason.",
        )
    )

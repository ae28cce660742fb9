"""The certification's task kind, registered with the task engine at start-up."""

from django.utils.translation import gettext_lazy as _

from registry.rules import Role
from tasks.kinds import TaskKind, register


def register_kinds() -> None:
    from certification import services

    register(
        TaskKind(
            code=services.CERTIFICATION_KIND,
            label=_("Certify registration"),
            on_approve=services.attest_on_approval,
            on_reject=services.refuse_rejection,
            on_cancel=services.refuse_withdrawal,
            approve_refusal=services.approve_refusal,
            subject_template="certification/_task_subject.html",
            raised_by=services.raised_by,
            rejectable=False,
            deciders=frozenset({Role.AUTHORIZED_REPRESENTATIVE}),
            explain=_(
                "certify the organization's registration: confirm, correct or remove each "
                "contact, section, member, access grant and machine account, then attest"
            ),
            approve_means=_(
                "you attest that the list is true as it reads now; who, when and a SHA-256 of "
                "the list are recorded. Every entry must be confirmed first."
            ),
        )
    )

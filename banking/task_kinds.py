"""The banking change as a task kind (see tasks.kinds)."""

from django.utils.translation import gettext_lazy as _

from banking import services
from banking.rules import BANKING_GROUP
from tasks.kinds import TaskKind, register

register(
    TaskKind(
        code=services.TASK_KIND,
        label=_("Approve banking information change"),
        on_approve=services.apply_approved_change,
        on_reject=services.discard_rejected_change,
        on_cancel=services.withdraw_change,
        subject_template="banking/_task_subject.html",
        deciders=frozenset(BANKING_GROUP),
        explain=_(
            "approve or reject changes of the organization's banking information (not their own)"
        ),
        approve_means=_(
            "the proposed details replace the ones in force at once; {requester} and the group "
            "are told."
        ),
        reject_means=_(
            "the details in force stay as they are; {requester} and the group are told, with "
            "your reason."
        ),
    )
)

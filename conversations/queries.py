"""Read-side questions about conversations, each in a fixed number of queries."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from conversations.models import Comment
from conversations.threads import Thread, registered_kinds
from registry.rules import is_operator_staff


def comments_of(thread: Thread) -> list[Comment]:
    """The thread's comments, oldest first (one query)."""
    return list(Comment.objects.filter(thread_kind=thread.kind.code, subject_id=thread.subject_id))


def readable_comments(user):
    """Every comment in a thread the user may read (a queryset: one query as a subquery)."""
    if is_operator_staff(user):
        return Comment.objects.all()
    condition = Q(pk__in=[])
    for kind in registered_kinds():
        condition |= Q(thread_kind=kind.code, subject_id__in=kind.readable_ids(user))
    return Comment.objects.filter(condition)


def readable_comment_audit_ids(user):
    """`readable_comments` as the audit log names comments (target_id is text), for News."""
    return (
        readable_comments(user)
        .annotate(audit_id_text=Cast("pk", output_field=CharField()))
        .values("audit_id_text")
    )

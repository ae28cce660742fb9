"""A comment in a thread. A thread is named by its kind (`conversations.threads`: "task",
"application", ...) and its subject's number; a comment is plain text, kept as written (no
edit, no delete: the thread is a record, as the audit log is)."""

from django.conf import settings
from django.db import models

from registry.models import Organization

BODY_MAX = 4000


class Comment(models.Model):
    thread_kind = models.CharField(max_length=30)
    subject_id = models.PositiveBigIntegerField()
    # The subject as it was named when the comment was written ("Approve banking information
    # change (task 42)"): News and the audit log name it so.
    subject_title = models.CharField(max_length=200)
    # None for a task addressed to operator staff alone (a registration application).
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who wrote it, as they were named then (an account removed later leaves the name).
    author_label = models.CharField(max_length=200)
    by_operator = models.BooleanField("written by operator staff", default=False)
    body = models.TextField(max_length=BODY_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["thread_kind", "subject_id", "id"], name="comment_thread"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.thread_kind} {self.subject_id}"

    audit_type = "comment"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return self.subject_title

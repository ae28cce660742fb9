"""Who hears of a new comment: everyone in the thread's audience but its author, by e-mail
through the outbox (core.mail)."""

from django.conf import settings

from conversations.models import Comment
from conversations.threads import Thread
from core.mail import send_after_commit


def comment_added(thread: Thread, comment: Comment, *, author) -> None:
    emails = [
        email
        for pk, email in thread.kind.audience(thread.subject).values_list("pk", "email")
        if pk != author.pk and email
    ]
    org = thread.organization
    of = f" of {org.legal_name}" if org is not None else ""
    send_after_commit(
        emails,
        f"New comment: {thread.title}" + (f" ({org.legal_name})" if org is not None else ""),
        f"{comment.author_label} wrote on {thread.title}{of}:\n\n"
        f"{comment.body}\n\n"
        f"Read the conversation and answer it on the portal: "
        f"{settings.SITE_URL}{thread.page_url}",
    )

"""Who hears of a new comment: everyone in the thread's audience but its author, by e-mail
through the outbox (core.mail)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from conversations.models import Comment
from conversations.threads import Thread
from core.mail import send_after_commit
from core.text import sentence


def comment_added(thread: Thread, comment: Comment, *, author) -> None:
    emails = [
        email
        for pk, email in thread.kind.audience(thread.subject).values_list("pk", "email")
        if pk != author.pk and email
    ]
    org = thread.organization
    link = f"{settings.SITE_URL}{thread.page_url}"
    if org is not None:
        subject = sentence(
            _("New comment: {title} ({org})"), title=thread.title, org=org.legal_name
        )
        body = sentence(
            _(
                "{author} wrote on {title} of {org}:\n\n{body}\n\n"
                "Read the conversation and answer it on the portal: {link}"
            ),
            author=comment.author_label,
            title=thread.title,
            org=org.legal_name,
            body=comment.body,
            link=link,
        )
    else:
        subject = sentence(_("New comment: {title}"), title=thread.title)
        body = sentence(
            _(
                "{author} wrote on {title}:\n\n{body}\n\n"
                "Read the conversation and answer it on the portal: {link}"
            ),
            author=comment.author_label,
            title=thread.title,
            body=comment.body,
            link=link,
        )
    send_after_commit(emails, subject, body)

"""`{% conversation thread_kind subject %}`: a subject's thread on its own page (its comments,
and the form where the user may write, or why they may not)."""

from django import template

from conversations import queries, rules
from conversations.forms import CommentForm
from conversations.threads import Thread, get_kind

register = template.Library()


@register.inclusion_tag("conversations/_thread.html", takes_context=True)
def conversation(context, kind_code: str, subject) -> dict:
    """Two queries: the comments, and (for a task) whether the user may open its page."""
    request = context["request"]
    thread = Thread(get_kind(kind_code), subject)
    return {
        "thread": thread,
        "comments": queries.comments_of(thread),
        "comment_form": CommentForm(prefix="conversation"),
        "refusal": rules.write_refusal(request.user, thread),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }

"""A conversation's own page: the whole thread and the form, where a comment that needs
correcting comes back with its text kept. Subject pages show the thread inline
(`{% conversation %}`) and post here."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conversations import queries, rules, services
from conversations.access import get_thread_for
from conversations.forms import CommentForm
from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.text import sentence

PREFIX = "conversation"


def _back(request, thread) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return thread.kind.url(request.user, thread.subject) or thread.page_url


@require_http_methods(["GET", "POST"])
def conversation(request, kind: str, subject_id: int):
    thread = get_thread_for(request.user, kind, subject_id)
    form = CommentForm(request.POST or None, prefix=PREFIX)
    status = 200
    if request.method == "POST":
        try:
            services.add_comment(
                thread, body=request.POST.get(f"{PREFIX}-body", ""), actor=request.user
            )
        except Invalid as exc:
            status = 422
            show_errors(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("conversation", thread.kind.code, thread.subject_id)
        else:
            messages.success(
                request,
                sentence(
                    _("Your comment was added to {title}. Everyone in it is e-mailed."),
                    title=thread.title,
                ),
            )
            return redirect(_back(request, thread))
    context = {
        "thread": thread,
        "comments": queries.comments_of(thread),
        "form": form,
        "refusal": rules.write_refusal(request.user, thread),
        "subject_url": thread.kind.url(request.user, thread.subject),
    }
    return render(request, "conversations/conversation.html", context, status=status)

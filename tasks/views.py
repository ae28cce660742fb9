"""Tasks pages: access -> one service call -> message + redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import reauth
from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.text import sentence
from core.views import attempt
from tasks import hooks, queries, services
from tasks.access import get_task_for
from tasks.forms import DecisionForm
from tasks.kinds import get_kind
from tasks.services import actor_label


@require_GET
def task_list(request):
    return render(
        request,
        "tasks/task_list.html",
        {"tasks": queries.open_tasks_for(request.user), "view": "open"},
    )


PAGE_SIZE = 50


def _closed_list(request, view: str):
    """Done (decided tasks of my groups) and My requests: newest first, 50 a page."""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    offset = (number - 1) * PAGE_SIZE
    rows = list(queries.tasks_in_view(request.user, view)[offset : offset + PAGE_SIZE + 1])
    more, tasks = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    queries.mark_openable(request.user, tasks)
    context = {"tasks": tasks, "view": view, "page": number, "more": more}
    if view == "mine" and number == 1:
        context["other_requests"] = [
            group for group in hooks.other_requests(request.user) if group and group["rows"]
        ]
    return render(request, "tasks/task_list.html", context)


@require_GET
def done_list(request):
    return _closed_list(request, "done")


@require_GET
def my_requests(request):
    """The user's requests that became tasks, 50 a page; on the first page also the requests
    other apps keep (participation applications), through `tasks.hooks.other_requests`."""
    return _closed_list(request, "mine")


def _consequences(task, kind, decision: str = "") -> list[dict]:
    """What Approve and Reject do to this task, in words, each with the button's name."""
    requester = actor_label(task.created_by) if task.created_by_id else _("the requester")
    steps = [("approve", _("Approve"), kind.approve_means)]
    if kind.rejectable:
        steps.append(("reject", _("Reject"), kind.reject_means))
    return [
        {"button": label, "means": sentence(text, requester=requester)}
        for code, label, text in steps
        if text and decision in ("", code)
    ]


def _detail_context(request, task, form=None, decision: str = "") -> dict:
    queries.annotate(request.user, task)
    kind = get_kind(task.kind)
    subject_template = None
    if kind.subject_template:
        subject_template = select_template([kind.subject_template])
    return {
        "task": task,
        "kind": kind,
        "subject": task.subject if task.subject_type_id else None,
        "subject_template": subject_template,
        "events": queries.history(task),
        "form": form or DecisionForm(decision=decision),
        "decision": decision,
        "requester": actor_label(task.created_by) if task.created_by_id else "",
        "raised_by": kind.raised_by(task) if kind.raised_by else "",
        "consequences": _consequences(task, kind, decision),
    }


@require_GET
def task_detail(request, task_id: int):
    task = get_task_for(request.user, task_id)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


def _back(request, task):
    target = request.POST.get("next", "")
    return redirect("tasks-detail", task.pk) if target == "detail" else redirect("tasks")


def _take_or_give_back(request, task_id: int, change, done: str):
    """Accept or release a task (`change` is the service): back to where the person was, with
    the sentence `done` about the task, or the reason it was refused."""
    task = get_task_for(request.user, task_id)
    attempt(
        request,
        lambda: change(task, actor=request.user),
        lambda _: sentence(done, task=task.summary),
    )
    return _back(request, task)


@require_POST
def accept_task(request, task_id: int):
    return _take_or_give_back(
        request,
        task_id,
        services.accept_task,
        _("You accepted “{task}”. It is now yours to decide."),
    )


@require_POST
def release_task(request, task_id: int):
    return _take_or_give_back(
        request,
        task_id,
        services.release_task,
        _("You released “{task}”; anyone in the group can take it."),
    )


def _decide(request, task_id: int, *, approve: bool):
    """GET: the decision page (the confirmation step). POST: decide."""
    task = get_task_for(request.user, task_id)
    decision = "approve" if approve else "reject"
    form = DecisionForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        service = services.approve_task if approve else services.reject_task
        try:
            service(task, actor=request.user, comment=form.cleaned_data["comment"])
        except Invalid as exc:
            show_errors(form, exc)
        except DomainError as exc:
            if reauth.needs_password(exc):
                return reauth.ask_for_password(request)
            messages.error(request, exc.message)
            return redirect("tasks-detail", task.pk)
        else:
            done = _("You approved “{task}”.") if approve else _("You rejected “{task}”.")
            messages.success(request, sentence(done, task=task.summary))
            return redirect("tasks")
    status = 422 if request.method == "POST" else 200
    context = _detail_context(request, task, form, decision)
    return render(request, "tasks/task_decide.html", context, status=status)


@require_http_methods(["GET", "POST"])
def approve_task(request, task_id: int):
    return _decide(request, task_id, approve=True)


@require_http_methods(["GET", "POST"])
def reject_task(request, task_id: int):
    return _decide(request, task_id, approve=False)

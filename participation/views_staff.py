"""The back office's participation pages (staff only, 404 to everyone else): the review queue,
an application's review (accept or return each requirement, record the fee, authorize,
suspend, reinstate, withdraw) and the participation types with their requirements."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError, Invalid, NotFound
from core.forms import show_errors
from core.text import sentence
from core.views import attempt
from participation import queries, rules, services
from participation.access import get_participation_type, get_staff_application
from participation.forms import (
    AuthorizeForm,
    FeeForm,
    ParticipationTypeForm,
    RequirementForm,
    ReturnForm,
)
from participation.models import Application, Requirement
from registry.access import staff_page


@require_GET
@staff_page
def review_queue(request):
    state = request.GET.get("state") or ""
    states = dict(Application.State.choices)
    if state not in states:
        state = ""
    context = {
        "applications": list(queries.review_queue(state or None)[:200]),
        "state": state,
        "states": Application.State.choices,
    }
    return render(request, "participation/staff/queue.html", context)


def _review_page(request, app, *, forms=None, status=200):
    forms = forms or {}
    app = get_staff_application(app.pk)
    items = list(app.items.select_related("requirement").order_by("requirement__order", "id"))
    for item in items:
        code = item.requirement.code
        item.accept_refusal = rules.review_refusal(request.user, app, item, accept=True)
        item.return_refusal = rules.review_refusal(request.user, app, item, accept=False)
        item.return_form = forms.get(("return", code)) or ReturnForm(prefix=f"return-{code}")
        if item.requirement.kind == Requirement.Kind.FEE:
            item.fee_form = forms.get(("fee", code)) or FeeForm(
                prefix=f"fee-{code}", initial={"amount": item.requirement.fee_amount}
            )
    context = {
        "app": app,
        "org": app.organization,
        "items": items,
        "timeline": queries.timeline(app),
        "authorize_refusal": rules.authorize_refusal(request.user, app, items),
        "authorize_form": forms.get("authorize") or AuthorizeForm(),
        "suspend_form": forms.get("suspend") or ReturnForm(prefix="suspend"),
    }
    return render(request, "participation/staff/review.html", context, status=status)


@require_GET
@staff_page
def review(request, application_id: int):
    return _review_page(request, get_staff_application(application_id))


def _done(request, app, message):
    messages.success(request, message)
    return redirect("participation-review", app.pk)


def _refused(request, app, exc):
    messages.error(request, exc.message)
    return redirect("participation-review", app.pk)


@require_POST
@staff_page
def accept(request, application_id: int, code: str):
    app = get_staff_application(application_id)
    try:
        item = services.accept_requirement(app, code, actor=request.user)
    except DomainError as exc:
        return _refused(request, app, exc)
    return _done(request, app, sentence(_("{name} is accepted."), name=item.requirement.name))


def _act(request, application_id: int, change, *, form_key, form, done):
    """One review action: `change(app)` calls the service; a correction shows the review page
    again with `form()` (bound, under `form_key`) saying what to correct (422), any other refusal
    returns to the review with its reason, and success with the sentence `done(result)`."""
    app = get_staff_application(application_id)
    try:
        result = change(app)
    except Invalid as exc:
        bound = form()
        show_errors(bound, exc)
        return _review_page(request, app, forms={form_key: bound}, status=422)
    except DomainError as exc:
        return _refused(request, app, exc)
    return _done(request, app, done(result))


@require_POST
@staff_page
def return_item(request, application_id: int, code: str):
    prefix = f"return-{code}"
    return _act(
        request,
        application_id,
        lambda app: services.return_requirement(
            app, code, reason=request.POST.get(f"{prefix}-reason", ""), actor=request.user
        ),
        form_key=("return", code),
        form=lambda: ReturnForm(request.POST, prefix=prefix),
        done=lambda item: sentence(
            _("{name} is returned; the applicants are told by e-mail."),
            name=item.requirement.name,
        ),
    )


@require_POST
@staff_page
def record_fee(request, application_id: int, code: str):
    prefix = f"fee-{code}"
    data = {
        "reference": request.POST.get(f"{prefix}-reference", ""),
        "amount": request.POST.get(f"{prefix}-amount", ""),
    }
    return _act(
        request,
        application_id,
        lambda app: services.record_fee(app, code, data=data, actor=request.user),
        form_key=("fee", code),
        form=lambda: FeeForm(request.POST, prefix=prefix),
        done=lambda item: sentence(
            _("{name} is recorded as received; the receipt is e-mailed."),
            name=item.requirement.name,
        ),
    )


@require_POST
@staff_page
def authorize(request, application_id: int):
    return _act(
        request,
        application_id,
        lambda app: services.authorize_application(
            app, effective_from=request.POST.get("effective_from", ""), actor=request.user
        ),
        form_key="authorize",
        form=lambda: AuthorizeForm(request.POST),
        done=lambda app: sentence(
            _("{org} is authorized as {type}."),
            org=app.organization.legal_name,
            type=app.participation_type,
        ),
    )


@require_POST
@staff_page
def suspend(request, application_id: int):
    return _act(
        request,
        application_id,
        lambda app: services.suspend_participation(
            app, reason=request.POST.get("suspend-reason", ""), actor=request.user
        ),
        form_key="suspend",
        form=lambda: ReturnForm(request.POST, prefix="suspend"),
        done=lambda _result: _("The participation is suspended."),
    )


@require_POST
@staff_page
def reinstate(request, application_id: int):
    app = get_staff_application(application_id)
    try:
        services.reinstate_participation(app, actor=request.user)
    except DomainError as exc:
        return _refused(request, app, exc)
    return _done(request, app, _("The participation is reinstated."))


# --- Participation types ----------------------------------------------------------------------


@require_GET
@staff_page
def types(request):
    return render(
        request,
        "participation/staff/types.html",
        {"types": queries.participation_types(offered_only=False)},
    )


@require_http_methods(["GET", "POST"])
@staff_page
def edit_type(request, code: str | None = None):
    ptype = get_participation_type(code) if code is not None else None
    form = ParticipationTypeForm(request.POST or None, instance=ptype)
    status = 200
    if request.method == "POST":
        try:
            saved = services.save_participation_type(ptype, data=request.POST, actor=request.user)
        except Invalid as exc:
            status = 422
            show_errors(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
        else:
            messages.success(request, f"{saved.name} is saved.")
            return redirect("participation-type", saved.code)
    requirements = (
        list(ptype.requirements.prefetch_related("roles").order_by("order", "id")) if ptype else []
    )
    context = {"ptype": ptype, "form": form, "requirements": requirements}
    return render(request, "participation/staff/type.html", context, status=status)


def _requirement(ptype, code) -> Requirement:
    requirement = ptype.requirements.filter(code=str(code)[:60]).first()
    if requirement is None:
        raise NotFound(f"{ptype.name} has no requirement {str(code)[:60]!r}.")
    return requirement


@require_http_methods(["GET", "POST"])
@staff_page
def edit_requirement(request, code: str, requirement_code: str | None = None):
    ptype = get_participation_type(code)
    requirement = _requirement(ptype, requirement_code) if requirement_code else None
    form = RequirementForm(request.POST or None, instance=requirement, participation_type=ptype)
    status = 200
    if request.method == "POST":
        try:
            saved = services.save_requirement(
                ptype, requirement, data=request.POST, actor=request.user
            )
        except Invalid as exc:
            status = 422
            show_errors(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
        else:
            messages.success(request, f"{saved.name} is saved.")
            return redirect("participation-type", ptype.code)
    context = {"ptype": ptype, "requirement": requirement, "form": form}
    return render(request, "participation/staff/requirement.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page
def delete_requirement(request, code: str, requirement_code: str):
    ptype = get_participation_type(code)
    requirement = _requirement(ptype, requirement_code)
    if request.method == "POST":
        attempt(
            request,
            lambda: services.delete_requirement(requirement, actor=request.user),
            f"{requirement.name} is removed from {ptype.name}.",
        )
        return redirect("participation-type", ptype.code)
    return render(
        request,
        "participation/staff/delete_requirement.html",
        {"ptype": ptype, "requirement": requirement, "in_use": requirement.items.exists()},
    )

"""Actions → Manage Participation: the organization's applications and participations, an
application's page (its requirements, timeline and thread), starting, submitting,
withdrawing. Each view: access, one service, a message, a redirect."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.text import sentence
from core.views import attempt
from documents.forms import DocumentField
from participation import queries, rules, services
from participation.access import get_application_for, get_participation_type
from participation.forms import StartForm, requirement_fields_form
from participation.models import Requirement
from registry.access import get_organization_for
from registry.models import Organization


class UploadForm(forms.Form):
    file = DocumentField(label=gettext_lazy("File"))


@require_GET
def choose_organization(request):
    orgs = list(Organization.objects.visible_to(request.user).order_by("legal_name"))
    if len(orgs) == 1:
        return redirect("participation-organization", orgs[0].org_id)
    return render(request, "participation/choose_organization.html", {"organizations": orgs})


@require_GET
def organization(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    applications = list(queries.applications_of(org))
    live = {a.participation_type_id for a in applications if a.state != "withdrawn"}
    types = [t for t in queries.participation_types() if t.pk not in live]
    context = {
        "org": org,
        "applications": applications,
        "types": types,
        "apply_refusal": rules.apply_refusal(request.user, org),
    }
    return render(request, "participation/organization.html", context)


@require_http_methods(["GET", "POST"])
def start(request, org_id: int, code: str):
    org = get_organization_for(request.user, org_id)
    ptype = get_participation_type(code, offered_only=True)
    refusal = rules.apply_refusal(request.user, org)
    form = StartForm.for_type(ptype, request.POST or None)
    status = 200
    if request.method == "POST" and refusal is None:
        if form.is_valid():
            try:
                app = services.start_application(
                    org, ptype, answers=form.cleaned_data, actor=request.user
                )
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("participation-organization", org.org_id)
            messages.success(
                request,
                sentence(
                    _(
                        "Your {type} application has started. Submit each requirement, then "
                        "submit the application for review."
                    ),
                    type=ptype,
                ),
            )
            return redirect("participation-application", org.org_id, app.pk)
        status = 422
    context = {"org": org, "ptype": ptype, "form": form, "refusal": refusal}
    return render(request, "participation/start.html", context, status=status)


def _item_forms(user, app, posted_code=None, posted_form=None):
    items = list(app.items.all())
    for item in items:
        item.refusal = rules.submit_item_refusal(user, app, item)
        kind = item.requirement.kind
        if posted_code == item.requirement.code:
            item.form = posted_form
        elif kind == Requirement.Kind.FORM:
            item.form = requirement_fields_form(item.requirement)(
                initial=item.values or None, prefix=item.requirement.code
            )
        elif kind == Requirement.Kind.DOCUMENT:
            item.form = UploadForm(prefix=item.requirement.code)
        else:
            item.form = None
    return items


def _application_page(request, app, *, items=None, form=None, status=200):
    """`form`: the requirement's form that needs correcting, for the error summary at the top
    of the page (its messages also stand under its fields, in the requirement's place)."""
    items = items if items is not None else _item_forms(request.user, app)
    context = {
        "form": form,
        "org": app.organization,
        "app": app,
        "items": items,
        "timeline": queries.timeline(app),
        "answers": [
            (r.condition, app.answers.get(r.code))
            for r in app.participation_type.requirements.all()
            if r.condition
        ],
        "submit_refusal": rules.submit_application_refusal(request.user, app, items),
        "withdraw_refusal": rules.withdraw_refusal(request.user, app),
        "can_apply": rules.can_apply_for_participation(request.user, app.organization),
    }
    return render(request, "participation/application.html", context, status=status)


@require_GET
def application(request, org_id: int, application_id: int):
    return _application_page(request, get_application_for(request.user, org_id, application_id))


@require_POST
def submit_requirement(request, org_id: int, application_id: int, code: str):
    app = get_application_for(request.user, org_id, application_id)
    requirement = next((i.requirement for i in app.items.all() if i.requirement.code == code), None)
    form = None
    data = upload = None
    if requirement is not None and requirement.kind == Requirement.Kind.FORM:
        form = requirement_fields_form(requirement)(request.POST, prefix=code)
        data = {name: request.POST.get(f"{code}-{name}", "") for name in form.fields}
    elif requirement is not None and requirement.kind == Requirement.Kind.DOCUMENT:
        form = UploadForm(request.POST, request.FILES, prefix=code)
        upload = request.FILES.get(f"{code}-file")
    try:
        item = services.submit_requirement(app, code, data=data, file=upload, actor=request.user)
    except Invalid as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect("participation-application", org_id, app.pk)
        show_errors(form, exc)
        return _application_page(
            request, app, items=_item_forms(request.user, app, code, form), form=form, status=422
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("participation-application", org_id, app.pk)
    messages.success(request, sentence(_("You submitted {name}."), name=item.requirement.name))
    return redirect("participation-application", org_id, app.pk)


@require_POST
def submit_application(request, org_id: int, application_id: int):
    app = get_application_for(request.user, org_id, application_id)
    attempt(
        request,
        lambda: services.submit_application(app, actor=request.user),
        _(
            "Your application is submitted. Operator staff review each requirement; you will "
            "hear by e-mail when one is returned or the participation is authorized."
        ),
    )
    return redirect("participation-application", org_id, app.pk)


@require_http_methods(["GET", "POST"])
def withdraw(request, org_id: int, application_id: int):
    app = get_application_for(request.user, org_id, application_id)
    refusal = rules.withdraw_refusal(request.user, app)
    if request.method == "POST" and refusal is None:
        attempt(
            request,
            lambda: services.withdraw_application(
                app, reason=request.POST.get("reason", ""), actor=request.user
            ),
            lambda _result: sentence(
                _("The {type} application {number} is withdrawn."),
                type=app.participation_type,
                number=app.pk,
            ),
        )
        return redirect("participation-organization", org_id)
    return render(
        request,
        "participation/withdraw.html",
        {"org": app.organization, "app": app, "refusal": refusal},
    )

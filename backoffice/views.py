"""Pages: access -> form -> one service call -> message + redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backoffice import queries, services
from backoffice.access import get_application_for, require_staff
from backoffice.forms import ApplicationForms, AppointRepresentativeForm, RejectApplicationForm
from backoffice.models import OrganizationApplication
from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.middleware import client_ip
from core.text import sentence
from registry import queries as registry_queries
from registry.access import get_organization_for, get_person_by_number

APPLICATIONS_PAGE_SIZE = 50


# --- Register an Organization (public) ----------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def register_organization(request):
    forms = ApplicationForms(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if request.POST.get("website"):
            # A field people never see: only robots fill it. Answer as if it worked.
            return redirect("backoffice-application-sent")
        try:
            services.submit_application(
                data=request.POST.dict(), ip=client_ip(request), actor=request.user
            )
        except Invalid as exc:
            forms.bind_errors(exc.fields)
            status = 422
        except services.RateLimited as exc:
            messages.error(request, exc.message)
            status = 429
        else:
            return redirect("backoffice-application-sent")
    return render(request, "backoffice/register_organization.html", {"forms": forms}, status=status)


@login_not_required
@require_GET
def application_sent(request):
    return render(request, "backoffice/application_sent.html")


# --- Staff review -------------------------------------------------------------------------


@require_GET
def application_list(request):
    require_staff(request.user)
    status = request.GET.get("status", OrganizationApplication.Status.PENDING)
    if status not in OrganizationApplication.Status.values:
        status = ""
    page = Paginator(queries.applications(status), APPLICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "backoffice/application_list.html",
        {"page": page, "status": status, "statuses": OrganizationApplication.Status.choices},
    )


@require_GET
def application_detail(request, reference: str):
    application = get_application_for(request.user, reference)
    return _detail(request, application, RejectApplicationForm())


def _detail(request, application, reject_form, status: int = 200):
    matches = queries.existing_persons_by_email(application)
    contacts = list(application.contacts.all())
    for contact in contacts:
        contact.existing = matches.get(contact.email.lower())
    return render(
        request,
        "backoffice/application_detail.html",
        {"application": application, "contacts": contacts, "reject_form": reject_form},
        status=status,
    )


@require_POST
def approve_application(request, reference: str):
    application = get_application_for(request.user, reference)
    try:
        org = services.approve_application(application, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice-application", reference=application.reference)
    messages.success(
        request,
        sentence(
            _(
                "{org} is registered with Organization ID {org_id}; its contacts have been "
                "registered and the submitter has been told."
            ),
            org=org.legal_name,
            org_id=org.org_id,
        ),
    )
    return redirect("registry-organization", org_id=org.org_id)


@require_POST
def reject_application(request, reference: str):
    application = get_application_for(request.user, reference)
    form = RejectApplicationForm(request.POST)
    try:
        services.reject_application(
            application, reason=request.POST.get("reason", ""), actor=request.user
        )
    except Invalid as exc:
        show_errors(form, exc)
        return _detail(request, application, form, status=422)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice-application", reference=application.reference)
    messages.success(
        request,
        sentence(
            _("Application {reference} is rejected; the submitter has been told why."),
            reference=application.reference,
        ),
    )
    return redirect("backoffice-applications")


# --- Coverage and recovery ----------------------------------------------------------------


@require_GET
def coverage(request):
    require_staff(request.user)
    gaps, total = queries.coverage_gaps()
    return render(
        request,
        "backoffice/coverage.html",
        {
            "gaps": gaps,
            "more_gaps": total > len(gaps),
            "no_account": queries.persons_without_account(),
            "disabled_holders": registry_queries.disabled_mandatory_holders(),
            "overdue": queries.overdue_tasks(),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
def appoint_representative(request, org_id: int):
    require_staff(request.user)
    org = get_organization_for(request.user, org_id)
    form = AppointRepresentativeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                person = get_person_by_number(form.cleaned_data["person_id"])
                services.appoint_authorized_representative(
                    org, person, reason=form.cleaned_data["reason"], actor=request.user
                )
            except Invalid as exc:
                form.add_error(None, exc.message)
                status = 422
            except DomainError as exc:
                messages.error(request, exc.message)
                status = exc.status
            else:
                messages.success(
                    request,
                    sentence(
                        _(
                            "{person} is now Authorized Representative of {org}; its contacts "
                            "have been told."
                        ),
                        person=person.full_name,
                        org=org.legal_name,
                    ),
                )
                return redirect("registry-organization", org_id=org.org_id)
        else:
            status = 422
    return render(
        request,
        "backoffice/appoint_representative.html",
        {"org": org, "form": form},
        status=status,
    )


# --- Exports ------------------------------------------------------------------------------


def _csv_response(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def export_contacts(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    lines = services.export_contacts(org, actor=request.user)
    return _csv_response(lines, f"contacts-{org.org_id}.csv")


@require_GET
def export_audit(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    lines = services.export_audit(org, actor=request.user)
    return _csv_response(lines, f"audit-{org.org_id}.csv")

"""Certification pages: an organization's list to certify (confirm, or correct or remove on
the registry's own pages, then attest), its downloads, and operator staff's campaigns. Each
view: access, one service, a message, a redirect."""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certification import queries, services
from certification.access import get_certification_for
from certification.documents import certified_csv_rows, certified_pdf
from certification.forms import StartCertificationForm
from certification.models import Certification
from certification.rules import certify_refusal
from core.csv import csv_lines
from core.errors import DomainError, NotFound
from core.text import sentence
from core.views import attempt
from registry.access import require_staff
from registry.models import RoleType
from registry.rules import (
    can_manage_role,
    can_manage_sections,
    can_remove_member,
)
from systems.views import start_campaign_page
from tasks.services import approve_task


def _page(cert) -> str:
    return reverse("certification-detail", args=[cert.organization.org_id, cert.pk])


def _links(request, cert, reading) -> None:
    """What each row offers this person, decided by the predicates the services require
    (nothing, once attested: the list shown is the one certified)."""
    for row in reading.rows:
        row.may_confirm, row.open_url, row.remove_url = False, "", ""
    if cert.state == Certification.State.ATTESTED:
        return
    org = cert.organization
    user = request.user
    may_certify = certify_refusal(user, cert) is None
    here = _page(cert)
    codes = {r.entry.role_code for r in reading.rows if r.entry.role_code}
    role_types = {rt.code: rt for rt in RoleType.objects.filter(code__in=codes)}
    removes_members = can_remove_member(user, org)
    manages_sections = can_manage_sections(user, org)
    for row in reading.rows:
        e = row.entry
        row.may_confirm = may_certify and not row.confirmed
        row.open_url, row.remove_url = "", ""
        if e.kind in ("contact", "member"):
            row.open_url = reverse("registry-person-roles", args=[org.org_id, e.person_id])
        if e.kind == "contact" and can_manage_role(user, org, role_types[e.role_code]):
            row.remove_url = (
                reverse("registry-remove-contact", args=[org.org_id, e.role_code, e.person_id])
                + f"?next={here}"
            )
        if e.kind == "member" and removes_members:
            row.remove_url = (
                reverse("registry-remove-member", args=[org.org_id, e.person_id]) + f"?next={here}"
            )
        if e.kind == "section":
            row.open_url = reverse("registry-section", args=[org.org_id, e.object_id])
            if manages_sections:
                row.remove_url = (
                    reverse("registry-remove-section", args=[org.org_id, e.object_id])
                    + f"?next={here}"
                )
        if e.kind == "grant":
            row.open_url = reverse("systems-person-access", args=[org.org_id, e.person_id])
        if e.kind == "machine":
            row.open_url = reverse("systems-manage-access", args=[org.org_id]) + "#machine-accounts"


@require_GET
def detail(request, org_id: int, cert_id: int):
    cert = get_certification_for(request.user, org_id, cert_id)
    reading = queries.read(cert)
    _links(request, cert, reading)
    refusal = certify_refusal(request.user, cert)
    return render(
        request,
        "certification/detail.html",
        {
            "org": cert.organization,
            "cert": cert,
            "reading": reading,
            "refusal": refusal,
            "may_certify": refusal is None,
            "attest_blocked": services.pending_refusal(reading.pending),
            "crumbs": [{"label": sentence(_("Certification: {name}"), name=cert.campaign.name)}],
        },
    )


@require_POST
def confirm(request, org_id: int, cert_id: int):
    cert = get_certification_for(request.user, org_id, cert_id)
    key = request.POST.get("key", "")[:120]
    title = request.POST.get("title", "")[:200]
    done = (
        sentence(_("{title} is confirmed."), title=title) if title else _("The entry is confirmed.")
    )
    attempt(request, lambda: services.confirm_entry(cert, key, actor=request.user), done)
    return redirect(_page(cert) + f"#{request.POST.get('kind', '')[:20]}")


@require_POST
def confirm_all(request, org_id: int, cert_id: int):
    cert = get_certification_for(request.user, org_id, cert_id)
    attempt(
        request,
        lambda: services.confirm_all(cert, actor=request.user),
        lambda count: sentence(
            ngettext_lazy(
                "{count} entry confirmed as it reads now.",
                "{count} entries confirmed as they read now.",
                count,
            ),
            count=count,
        ),
    )
    return redirect(_page(cert))


@require_http_methods(["GET", "POST"])
def attest(request, org_id: int, cert_id: int):
    cert = get_certification_for(request.user, org_id, cert_id)
    reading = queries.read(cert)
    refusal = certify_refusal(request.user, cert) or (
        services.pending_refusal(reading.pending).message if reading.pending else None
    )
    if request.method == "POST" and refusal is None:
        try:
            if cert.task is None:
                raise NotFound(_("This certification has no task to attest."))
            approve_task(cert.task, actor=request.user, comment=request.POST.get("comment", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(_page(cert))
        cert.refresh_from_db()
        messages.success(
            request,
            sentence(
                ngettext_lazy(
                    "You attested {org}'s registration: {count} entry certified. Download the "
                    "certified list below.",
                    "You attested {org}'s registration: {count} entries certified. Download the "
                    "certified list below.",
                    len(cert.snapshot),
                ),
                org=cert.organization.legal_name,
                count=len(cert.snapshot),
            ),
        )
        return redirect(_page(cert))
    return render(
        request,
        "certification/attest.html",
        {
            "org": cert.organization,
            "cert": cert,
            "reading": reading,
            "refusal": refusal,
            "crumbs": [
                {
                    "label": sentence(_("Certification: {name}"), name=cert.campaign.name),
                    "url": _page(cert),
                },
                {"label": _("Attest")},
            ],
        },
        status=409 if request.method == "POST" else 200,
    )


def _attested(request, org_id, cert_id) -> Certification:
    cert = get_certification_for(request.user, org_id, cert_id)
    if cert.state != Certification.State.ATTESTED:
        raise NotFound(
            _("This certification has not been attested yet: there is nothing to download.")
        )
    return cert


def _filename(cert, ext: str) -> str:
    return f"certification-{cert.organization.org_id}-{cert.pk}.{ext}"


@require_GET
def download_csv(request, org_id: int, cert_id: int):
    cert = _attested(request, org_id, cert_id)
    header, rows = certified_csv_rows(cert)
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{_filename(cert, "csv")}"'
    return response


@require_GET
def download_pdf(request, org_id: int, cert_id: int):
    cert = _attested(request, org_id, cert_id)
    response = HttpResponse(certified_pdf(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(cert, "pdf")}"'
    return response


# --- Operator staff -------------------------------------------------------------------------


@require_GET
def campaigns(request):
    require_staff(request.user)
    return render(
        request,
        "certification/campaigns.html",
        {"campaigns": list(queries.campaigns_with_progress()[:100])},
    )


@require_http_methods(["GET", "POST"])
def start(request):
    def done(campaign) -> str:
        opened = campaign.certifications.count()
        return sentence(
            ngettext_lazy(
                "Certification “{name}” started: {count} organization received a task for "
                "their Authorized Representatives, due {due}.",
                "Certification “{name}” started: {count} organizations received a task for "
                "their Authorized Representatives, due {due}.",
                opened,
            ),
            name=campaign.name,
            count=opened,
            due=f"{campaign.deadline:%Y-%m-%d}",
        )

    return start_campaign_page(
        request,
        StartCertificationForm,
        services.start_campaign,
        template="certification/start.html",
        url_name="certification-campaign",
        done=done,
    )


@require_GET
def campaign(request, campaign_id: int):
    require_staff(request.user)
    found = (
        queries.campaigns().filter(pk=campaign_id).first() if str(campaign_id).isdigit() else None
    )
    if found is None:
        raise NotFound(sentence(_("No certification campaign {id}."), id=campaign_id))
    return render(
        request,
        "certification/campaign.html",
        {"campaign": found, "certifications": list(queries.certifications_in(found))},
    )

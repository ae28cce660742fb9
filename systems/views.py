"""Pages: access -> form -> one service call -> message + redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.text import sentence
from core.views import attempt
from registry.access import get_member_for, get_organization_for, require_staff
from registry.queries import roles_of
from registry.rules import is_operator_staff
from registry.views import person_search
from systems import queries, reviews, services
from systems.access import (
    find_review_to_decide,
    get_campaign_for,
    get_grant_for,
    get_grantee,
    get_review_for,
    get_review_item,
    get_system,
)
from systems.forms import RequestAccessForm, StartReviewCampaignForm
from systems.models import AccessRequest
from systems.rules import can_grant_access, can_revoke_grant_of, machine_request_refusal
from systems.views_machines import with_machine_actions
from tasks.models import Task


def _crumbs(org, *extra) -> list[dict]:
    return [
        {"label": _("Manage Access"), "url": reverse("systems-manage-access", args=[org.org_id])},
        *extra,
    ]


def _with_openable_tasks(user, reviews_: list) -> list:
    """Each review's `task_openable`: whether the user may open its task (operator staff see
    the review's state here, but the task is the Rights Administrators'). One query."""
    ids = [r.task_id for r in reviews_ if r.task_id]
    openable = set(Task.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    for review in reviews_:
        review.task_openable = review.task_id in openable
    return reviews_


@require_GET
def manage_access(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    by_system = request.GET.get("view") == "system"
    can_grant = can_grant_access(request.user, org)
    page = request.GET.get("page")
    context = {
        "org": org,
        "by_system": by_system,
        "can_grant": can_grant,
        # Only those who decide a review are pointed to its task (it is theirs).
        "open_reviews": _with_openable_tasks(request.user, queries.open_reviews(org))
        if can_grant
        else [],
        "crumbs": [{"label": _("Manage Access")}],
        "machine_accounts": with_machine_actions(request.user, queries.machine_accounts_of(org)),
        "machine_request_refusal": machine_request_refusal(request.user, org),
    }
    if by_system and request.GET.get("system"):
        system = get_system(request.GET["system"])  # 404 for an unknown code
        context |= {"system": system, "holders": queries.holders_of(org, system, page)}
    elif by_system:
        context["systems"] = queries.systems_with_holders(org)
    else:
        # The same person search as By Person: finding one member beats paging through them.
        search_form, results = person_search(request, org)
        context |= {
            "members": queries.members_with_grants(org, page),
            "search_form": search_form,
            "results": results,
        }
    return render(request, "systems/manage_access.html", context)


@require_GET
def person_access(request, org_id: int, person_id: int):
    org = get_organization_for(request.user, org_id)
    person = get_member_for(request.user, org, person_id)
    can_grant = can_grant_access(request.user, org)
    own = getattr(request.user, "person", None)
    is_self = own is not None and own.pk == person.pk
    grants = queries.grants_of(org, person)
    may_revoke = can_grant and can_revoke_grant_of(request.user, org, roles_of(org, person))
    catalogue = queries.systems()
    return render(
        request,
        "systems/person_access.html",
        {
            "org": org,
            "person": person,
            "grants": grants,
            "may_revoke": may_revoke,
            "can_grant": can_grant and not is_self,
            "is_self": is_self,
            "systems": catalogue,
            "explanation": queries.explain(org, person),
            "crumbs": _crumbs(org, {"label": person.full_name}),
        },
    )


@require_POST
def grant_access(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    person = get_grantee(org, request.POST.get("person_id"))
    system = get_system(request.POST.get("system"))
    try:
        grant = services.grant_access(
            org,
            person,
            system,
            level=request.POST.get("level", ""),  # "" (not chosen) is refused, never guessed
            expires=request.POST.get("expires") or None,
            actor=request.user,
        )
    except Invalid as exc:
        for errors in exc.fields.values():
            for error in errors:
                messages.error(request, error)
    except DomainError as exc:
        messages.error(request, exc.message)
        if exc.status == 404:
            return redirect("systems-manage-access", org_id=org.org_id)
    else:
        if grant.expires:
            done = sentence(
                _("{person} may now use {system} ({level}) until {date} on behalf of {org}."),
                date=f"{grant.expires:%Y-%m-%d}",
                person=person.full_name,
                system=system.name,
                level=grant.level,
                org=org.legal_name,
            )
        else:
            done = sentence(
                _("{person} may now use {system} ({level}) on behalf of {org}."),
                person=person.full_name,
                system=system.name,
                level=grant.level,
                org=org.legal_name,
            )
        messages.success(request, done)
    return redirect("systems-person-access", org_id=org.org_id, person_id=person.person_id)


@require_http_methods(["GET", "POST"])
def revoke_access(request, org_id: int, grant_id: int):
    org = get_organization_for(request.user, org_id)
    grant = get_grant_for(request.user, org, grant_id)
    person, system = grant.person, grant.system
    back = reverse("systems-person-access", args=[org.org_id, person.person_id])
    if request.method == "POST":
        attempt(
            request,
            lambda: services.revoke_access(org, grant, actor=request.user),
            sentence(
                _("{person} no longer has access to {system} on behalf of {org}."),
                person=person.full_name,
                system=system.name,
                org=org.legal_name,
            ),
        )
        return redirect(back)
    return render(
        request,
        "systems/confirm_revoke.html",
        {
            "org": org,
            "grant": grant,
            "back": back,
            "crumbs": _crumbs(
                org, {"label": person.full_name, "url": back}, {"label": _("Revoke")}
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def request_access(request):
    person = getattr(request.user, "person", None)
    organizations = queries.organizations_requesting(request.user)
    catalogue = queries.systems()
    form = RequestAccessForm(
        request.POST if request.method == "POST" else None,
        organizations=organizations,
        systems=catalogue,
    )
    if request.method == "POST" and form.is_valid():
        org = get_organization_for(request.user, form.cleaned_data["organization"])
        code, _colon, level = form.cleaned_data["access"].partition(":")
        try:
            access_request = services.request_access(
                org,
                get_system(code),
                level=level,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except Invalid as exc:
            for errors in exc.fields.values():
                for error in errors:
                    form.add_error(None, error)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                sentence(
                    _(
                        "Your request for {system} ({level}) has gone to the Rights "
                        "Administrators of {org}. You will be told by e-mail when they decide."
                    ),
                    system=access_request.system.name,
                    level=access_request.level,
                    org=org.legal_name,
                ),
            )
            return redirect("systems-request-access")
    mine = (
        AccessRequest.objects.filter(person=person)
        .select_related("organization", "system")
        .order_by("-created_at", "-pk")[:20]
        if person
        else []
    )
    return render(
        request,
        "systems/request_access.html",
        {
            "form": form,
            "requests": mine,
            "person": person,
            "organizations": organizations,
            "operator_staff": is_operator_staff(request.user),
        },
    )


# --- Access reviews -------------------------------------------------------------------------


def _review_back(review) -> str:
    if review.task_id:
        return reverse("tasks-detail", args=[review.task_id])
    return reverse("systems-manage-access", args=[review.organization.org_id])


def _review_crumbs(review, label: str) -> list[dict]:
    return [
        {"label": _("Tasks"), "url": reverse("tasks")},
        {"label": _("Review access"), "url": _review_back(review)},
        {"label": label},
    ]


def _review_to(request, review_id: int):
    """To show a review: access. To decide it: the service authorizes, so that an outsider's
    refusal is audited (and shown as not found, like a missing review)."""
    if request.method == "POST":
        return find_review_to_decide(review_id)
    return get_review_for(request.user, review_id)


@require_POST
def confirm_review_item(request, review_id: int, item_id: int):
    review = _review_to(request, review_id)
    item = get_review_item(review, item_id)
    attempt(
        request,
        lambda: reviews.confirm_review_item(review, item, actor=request.user),
        sentence(
            _("Confirmed: {person} keeps {system} ({level}) on behalf of {org}."),
            person=item.person_name,
            system=item.system_name,
            level=item.level,
            org=review.organization.legal_name,
        ),
        error_page=True,
    )
    return redirect(_review_back(review))


@require_http_methods(["GET", "POST"])
def revoke_review_item(request, review_id: int, item_id: int):
    review = _review_to(request, review_id)
    item = get_review_item(review, item_id)
    if request.method == "POST":
        attempt(
            request,
            lambda: reviews.revoke_review_item(review, item, actor=request.user),
            sentence(
                _(
                    "Revoked: {name} no longer works; its owner and the Rights "
                    "Administrators have been told by e-mail."
                ),
                name=item.person_name,
            )
            if item.machine_account_id
            else sentence(
                _(
                    "Revoked: {person} no longer has access to {system} on behalf of {org}. "
                    "They have been told by e-mail."
                ),
                person=item.person_name,
                system=item.system_name,
                org=review.organization.legal_name,
            ),
            error_page=True,
        )
        return redirect(_review_back(review))
    return render(
        request,
        "systems/review_revoke.html",
        {
            "review": review,
            "item": item,
            "back": _review_back(review),
            "crumbs": _review_crumbs(review, _("Revoke")),
        },
    )


def _still_to_do(review) -> str:
    left = review.items.filter(decision="pending").count()
    if left:
        return sentence(
            ngettext(
                "{left} of your own grant(s) still need another Rights Administrator or "
                "operator staff.",
                "{left} of your own grant(s) still need another Rights Administrator or "
                "operator staff.",
                left,
            ),
            left=left,
        )
    return _("Approve the task to complete the review.")


@require_http_methods(["GET", "POST"])
def confirm_all_review_items(request, review_id: int):
    review = _review_to(request, review_id)
    if request.method == "POST":
        attempt(
            request,
            lambda: reviews.confirm_all(review, actor=request.user),
            lambda count: sentence(
                ngettext(
                    "You confirmed {count} grant(s). {next}",
                    "You confirmed {count} grant(s). {next}",
                    count,
                ),
                count=count,
                next=_still_to_do(review),
            ),
            error_page=True,
        )
        return redirect(_review_back(review))
    view = queries.review_for(review, request.user)
    return render(
        request,
        "systems/review_confirm_all.html",
        {
            "review": review,
            "to_confirm": [i for i in view.items if i.may_confirm],
            "own_pending": [i for i in view.items if i.is_pending and i.own],
            "back": _review_back(review),
            "crumbs": _review_crumbs(review, _("Confirm all")),
        },
    )


# --- Access review campaigns (operator staff) -----------------------------------------------


@require_GET
def access_review_campaigns(request):
    require_staff(request.user)
    return render(
        request,
        "systems/review_campaigns.html",
        {"campaigns": list(queries.campaigns_with_progress()[:100])},
    )


def start_campaign_page(request, form_class, start, *, template: str, done, url_name: str):
    """Operator staff's page that starts a campaign (an access review, a certification): the
    form, one service `start`, its refusals under their fields, `done(campaign)` as the message,
    then the campaign's page (`url_name`)."""
    require_staff(request.user)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            campaign = start(
                name=request.POST.get("name", ""),
                deadline=request.POST.get("deadline", ""),
                organizations=request.POST.get("organizations", ""),
                actor=request.user,
            )
        except DomainError as exc:  # each message under its field, or above the form
            show_errors(form, exc)
            status = 422 if isinstance(exc, Invalid) or exc.fields else exc.status
        else:
            messages.success(request, done(campaign))
            return redirect(url_name, campaign_id=campaign.pk)
    return render(request, template, {"form": form}, status=status)


def _started(campaign) -> str:
    count = campaign.reviews.count()
    return sentence(
        ngettext(
            "Access review “{name}” started: {count} organization(s) with grants received a "
            "review task for their Rights Administrators, due {deadline}.",
            "Access review “{name}” started: {count} organization(s) with grants received a "
            "review task for their Rights Administrators, due {deadline}.",
            count,
        ),
        name=campaign.name,
        count=count,
        deadline=f"{campaign.deadline:%Y-%m-%d}",
    )


@require_http_methods(["GET", "POST"])
def start_review_campaign(request):
    return start_campaign_page(
        request,
        StartReviewCampaignForm,
        reviews.start_review_campaign,
        template="systems/review_start.html",
        url_name="systems-review-campaign",
        done=lambda campaign: _started(campaign),
    )


@require_GET
def access_review_campaign(request, campaign_id: int):
    campaign = get_campaign_for(request.user, campaign_id)
    return render(
        request,
        "systems/review_campaign.html",
        {"campaign": campaign, "reviews": queries.campaign_progress(campaign)},
    )

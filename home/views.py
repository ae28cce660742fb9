"""A signed-in person's home: News (what happened lately) and Actions (what they can do)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from home.queries import by_day, news_page, zone_name
from notices.queries import from_the_operator
from participation.queries import applying_organizations
from systems.queries import organizations_granting, organizations_requesting


@require_GET
def home(request):
    return redirect("news")


@require_GET
def news(request):
    page = news_page(request.user, older=request.GET.get("older"), newer=request.GET.get("newer"))
    context = {
        "page": page,
        "days": by_day(page["entries"]),
        "zone": zone_name(),
        **from_the_operator(request.user),
    }
    return render(request, "home/news.html", context)


@require_GET
def actions(request):
    # Manage Access for each organization whose access the person may manage, by the rule
    # the access services require (systems.rules.can_grant_access).
    # Manage Participation for each organization whose applications the person may drive
    # (registry.rules.can_apply_for_participation); members who may not are told why.
    applying, members = applying_organizations(request.user)
    return render(
        request,
        "home/actions.html",
        {
            "access_orgs": organizations_granting(request.user),
            "may_request_access": bool(organizations_requesting(request.user)),
            "participation_orgs": applying,
            "participation_why": members and not applying,
        },
    )

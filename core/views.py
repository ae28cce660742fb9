from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from audit.models import AuditEntry
from registry.models import Organization

NEWS_PAGE_SIZE = 25


@require_GET
def home(request):
    return redirect("news")


def news_entries(user):
    """Recent activity of the user's organizations, newest first (staff: everything)."""
    qs = AuditEntry.objects.filter(outcome=AuditEntry.Outcome.DONE)
    if not user.is_staff:
        org_ids = list(Organization.objects.visible_to(user).values_list("org_id", flat=True))
        qs = qs.filter(org_id__in=org_ids)
    return qs.exclude(org_id=None).order_by("-at", "-id")


@require_GET
def news(request):
    page = Paginator(news_entries(request.user), NEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/news.html", {"page": page})


@require_GET
def actions(request):
    return render(request, "core/actions.html")


@login_not_required
@require_GET
def health(request):
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})

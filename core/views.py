from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from audit.models import AuditEntry
from banking.rules import BANKING_GROUP
from notices.queries import from_the_operator
from registry.models import Organization, RoleAssignment

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
        # Banking news (masked) only for the organizations where the user is in the banking
        # group; a plain member sees none of it.
        banking_org_ids = RoleAssignment.objects.filter(
            membership__person__user=user, role_type__code__in=BANKING_GROUP
        ).values("membership__organization__org_id")
        qs = qs.exclude(Q(action__startswith="banking.") & ~Q(org_id__in=banking_org_ids))
    # Task steps are the machinery behind the events News reports (a banking change approved),
    # and a reveal of banking numbers is for the audit log only.
    # Announcements and notices are shown as themselves, not as their audit entries.
    qs = qs.exclude(action__startswith="task.").exclude(
        action__in=["banking.revealed", "notice.issued", "announcement.published"]
    )
    return qs.exclude(org_id=None).order_by("-at", "-id")


@require_GET
def news(request):
    page = Paginator(news_entries(request.user), NEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, **from_the_operator(request.user)}
    return render(request, "core/news.html", context)


@require_GET
def actions(request):
    return render(request, "core/actions.html")


@login_not_required
@require_GET
def health(request):
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})

"""The two floors every page is compared with. Served only when BENCH_VIEWS is true."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from registry.models import Organization


@login_not_required
@require_GET
def constant(request):
    """The fastest this stack answers: no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


@login_not_required
@require_GET
def one_row(request, pk: int):
    """One row read by primary key: the floor of any page that touches the database."""
    row = Organization.objects.filter(pk=pk).values("org_id", "legal_name").first()
    return JsonResponse(row or {})

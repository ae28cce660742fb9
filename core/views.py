from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def health(request):
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on every site; it lives with the other static files."""
    from django.templatetags.static import static

    return redirect(static("favicon.ico"), permanent=True)

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from core.errors import DomainError


def attempt(
    request, change: Callable[[], Any], done: str | Callable[[Any], str], *, error_page=False
) -> bool:
    """A page's change: `change()` calls one service. Its refusal is shown as an error message
    (in the service's words); otherwise `done` is the success message (a sentence, or a
    function of what the service returned giving one). With `error_page`, a refusal to someone
    who may not see or decide the object at all is the 404 or 403 page instead. True when the
    change was made."""
    try:
        result = change()
    except DomainError as exc:
        if error_page and (exc.status == 404 or exc.code == "forbidden"):
            raise
        messages.error(request, exc.message)
        return False
    messages.success(request, done(result) if callable(done) else done)
    return True


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

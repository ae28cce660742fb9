"""The idle-timeout warning and the re-filling of a form kept across a sign-in (base.html)."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse

from accounts import sessions

register = template.Library()

# The warning shows this long before the session ends (less on very short timeouts).
WARN_SECONDS = 120


@register.inclusion_tag("accounts/_session_timeout.html", takes_context=True)
def session_timeout(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {"show": False}
    seconds, absolute = sessions.seconds_left(request.session)
    return {
        "show": True,
        "seconds_left": seconds,
        "absolute": absolute,
        "warn_seconds": min(WARN_SECONDS, settings.SESSION_IDLE_SECONDS // 2),
        "idle": sessions.duration(settings.SESSION_IDLE_SECONDS),
        "limit": sessions.duration(settings.SESSION_ABSOLUTE_SECONDS),
        "restored": getattr(request, "restored_form", None),
        "next": request.get_full_path(),
        "sign_in_again": f"{reverse('login')}?next={quote(request.get_full_path(), safe='/')}",
        "csrf_token": context.get("csrf_token"),
    }

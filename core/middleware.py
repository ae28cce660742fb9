import uuid

from core.context import RequestContext, current
from core.network import client_ip

__all__ = ["RequestContextMiddleware", "client_ip"]


class RequestContextMiddleware:
    """Gives every request an id and records its client address for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        token = current.set(RequestContext(ip=client_ip(request), request_id=request_id))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class DomainErrorMiddleware:
    """A NotFound or Forbidden escaping a page becomes the 404 or 403 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from core.errors import DomainError

        if isinstance(exception, DomainError) and exception.status in (403, 404):
            template = "404.html" if exception.status == 404 else "403.html"
            return render(
                request, template, {"message": exception.message}, status=exception.status
            )
        return None


class PrivateAnswersMiddleware:
    """Nothing shown to a signed-in person (a session, an API token, any Authorization header)
    is kept by a browser or proxy cache: banking even masked, tasks, News and token secrets
    all live on such answers, so the rule is the whole signed-in site, not a list of views
    that would miss the next one (issue 22, finding 6)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import add_never_cache_headers

        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            "HTTP_AUTHORIZATION" in request.META
            or getattr(request, "auth", None) is not None
            or (user is not None and user.is_authenticated)
        ):
            add_never_cache_headers(response)
        return response

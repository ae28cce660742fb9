"""The WSGI application `make bench` serves: the portal, and in front of it the third floor.

`/bench/bare/<pk>/` reads the same row as the one-row floor (`bench.views.one_row`) and answers
the same JSON, but outside Django's request handler: no middleware, no session, no URL
resolver, no CSRF or security headers. It shows what the stack's own per-request work costs
(the other two floors carry all of it). Only under BENCH_VIEWS; production serves
config.wsgi."""

import json
import os

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
portal = get_wsgi_application()

from django.db import close_old_connections  # noqa: E402  (after Django is set up)

from registry.models import Organization  # noqa: E402

PREFIX = "/bench/bare/"


def bare_one_row(pk_text: str) -> bytes:
    close_old_connections()  # what Django's request_started/finished signals do
    try:
        pk = int(pk_text) if pk_text.isascii() and pk_text.isdigit() else 0
        row = Organization.objects.filter(pk=pk).values("org_id", "legal_name").first()
    finally:
        close_old_connections()
    return json.dumps(row or {}, cls=DjangoJSONEncoder).encode()


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not (settings.BENCH_VIEWS and path.startswith(PREFIX)):
        return portal(environ, start_response)
    body = bare_one_row(path[len(PREFIX) :].strip("/"))
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]

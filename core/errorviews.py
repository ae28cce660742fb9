"""The generic error page: no trace, but a correlation id the person can quote."""

import logging

from django.shortcuts import render

from core.context import current


def server_error(request):
    request_id = getattr(request, "request_id", "") or current.get().request_id
    return render(request, "500.html", {"request_id": request_id}, status=500)


class RequestIdFilter(logging.Filter):
    """Stamp every log record with the id of the request it belongs to."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get().request_id or "-"
        return True

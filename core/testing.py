"""Helpers for the race tests: real threads, one database connection each, released at once."""

import threading
from collections.abc import Callable

from django.db import close_old_connections, connection

from core.errors import DomainError


def race(*calls: Callable[[], object]) -> list[str]:
    """Run the calls in threads that start together; return each outcome, sorted: "done", or
    the code of the DomainError that refused it."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []

    def run(call):
        try:
            barrier.wait()
            call()
            results.append("done")
        except DomainError as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return sorted(results)

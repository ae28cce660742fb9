"""What the tasks app announces: apps above it add their own requests to My requests (tasks
never imports them)."""

from core.hooks import Hook

other_requests = Hook(
    "other_requests",
    "(user) -> {'title': str, 'rows': [{'label', 'summary', 'organization', 'asked', 'status', "
    "'url'}]} or None: requests the user made that are not tasks (a participation "
    "application), for My requests; one query per app, whatever the number of rows.",
)

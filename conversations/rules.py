"""Who may write in a thread: one question, asked by the service, the pages and the API."""

from conversations.threads import Thread
from core.errors import DomainError


def write_refusal(user, thread: Thread) -> DomainError | None:
    """Why the user may not add a comment to the thread now (its kind decides), or None.
    Reading it is `conversations.access.get_thread_for`'s question."""
    return thread.kind.write_refusal(user, thread.subject)


def can_write(user, thread: Thread) -> bool:
    return write_refusal(user, thread) is None

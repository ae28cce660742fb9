"""Conversations: a private comment thread on every task and application (issue 17)."""

from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from conversations import (
            actions,  # noqa: F401  (registers the audit vocabulary)
            task_threads,  # noqa: F401  (registers the thread on every task)
        )

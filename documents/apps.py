"""Uploaded documents: checked by content, encrypted at rest, served only after a check."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from documents import actions, checks  # noqa: F401 (registration)

from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "banking"
    verbose_name = "Banking information"

    def ready(self) -> None:
        from banking import (
            actions,  # noqa: F401  (registers the audit vocabulary)
            task_kinds,  # noqa: F401  (registers the banking_change task kind)
        )
        from banking.documents import LABEL, PURPOSE, document_visible
        from documents import hooks as document_hooks
        from documents import purposes

        purposes.register(PURPOSE, LABEL)
        document_hooks.document_visible.register(document_visible)

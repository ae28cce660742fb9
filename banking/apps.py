from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "banking"
    verbose_name = "Banking information"

    def ready(self) -> None:
        from banking import (
            actions,  # noqa: F401  (registers the audit vocabulary)
            task_kinds,  # noqa: F401  (registers the banking_change task kind)
        )

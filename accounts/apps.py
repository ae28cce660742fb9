from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts import (
            actions,  # noqa: F401  (registers the audit vocabulary)
            signals,  # noqa: F401 (connects the receivers)
        )
        from accounts.services import invite_person
        from registry import hooks

        hooks.person_registered.register(invite_person)

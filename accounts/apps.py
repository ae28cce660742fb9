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

        from accounts.language import languages_of_addresses
        from core import mail

        mail.languages_of.register(languages_of_addresses)

from django.apps import AppConfig


class ApiTokensConfig(AppConfig):
    name = "apitokens"
    verbose_name = "API tokens"

    def ready(self) -> None:
        from accounts import hooks
        from apitokens import actions  # noqa: F401  (registers the audit vocabulary)
        from apitokens.services import revoke_tokens_of

        hooks.password_replaced.register(revoke_tokens_of)

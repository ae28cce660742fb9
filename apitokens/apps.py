from django.apps import AppConfig


class ApiTokensConfig(AppConfig):
    name = "apitokens"
    verbose_name = "API tokens"

    def ready(self) -> None:
        from accounts import hooks
        from apitokens.services import revoke_tokens_of

        hooks.password_replaced.register(revoke_tokens_of)

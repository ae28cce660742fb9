from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "oidc"
    verbose_name = "Single sign-on (OpenID Connect)"

    def ready(self) -> None:
        from oidc import actions  # noqa: F401  (registers the audit vocabulary)

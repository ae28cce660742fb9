from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from audit import hooks
        from integrations import actions  # noqa: F401  (registers the audit vocabulary)
        from integrations.events import on_recorded

        hooks.recorded.register(on_recorded)

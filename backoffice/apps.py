from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class BackofficeConfig(AppConfig):
    default = True
    name = "backoffice"
    verbose_name = "Back office"

    def ready(self) -> None:
        from backoffice import actions  # noqa: F401  (registers the audit vocabulary)
        from backoffice.task_kinds import register_kinds

        register_kinds()


class OperatorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site themed for the operator (see `backoffice.admin_site`)."""

    default = False  # named explicitly in INSTALLED_APPS; BackofficeConfig is this module's default
    default_site = "backoffice.admin_site.OperatorAdminSite"

"""SCIM 2.0 provisioning of an organization's people and role groups."""

from django.apps import AppConfig


class ScimConfig(AppConfig):
    name = "scim"
    verbose_name = "SCIM provisioning"

    def ready(self) -> None:
        from scim import actions  # noqa: F401  (registers the audit vocabulary)

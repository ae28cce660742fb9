"""Manage Participation: participation types, applications and their requirements."""

from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Participation"

    def ready(self) -> None:
        from participation import actions  # noqa: F401  (registers the audit vocabulary)
        from participation.roles import applicant_representative_required
        from registry import hooks

        hooks.role_required.register(applicant_representative_required)

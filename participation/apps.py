"""Manage Participation: participation types, applications and their requirements."""

from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Participation"

    def ready(self) -> None:
        from documents import hooks as document_hooks
        from documents import purposes
        from participation import (
            actions,  # noqa: F401  (registers the audit vocabulary)
            threads,  # noqa: F401  (registers the conversation on every application)
        )
        from participation.documents import PURPOSE, document_visible
        from participation.requests import applications_started
        from participation.roles import applicant_representative_required
        from registry import hooks
        from tasks import hooks as task_hooks

        hooks.role_required.register(applicant_representative_required)
        task_hooks.other_requests.register(applications_started)
        purposes.register(PURPOSE, "A document for a participation requirement")
        document_hooks.document_visible.register(document_visible)

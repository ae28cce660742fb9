from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = "Certification"

    def ready(self) -> None:
        from certification import actions  # noqa: F401  (registers the audit vocabulary)
        from certification.task_kinds import register_kinds

        register_kinds()

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from audit.log import record_refusal
        from core.services import refused

        refused.register(record_refusal)  # every @service refusal (403, 404, 409, 429) is recorded

from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Notices and announcements"

    def ready(self) -> None:
        from notices import actions  # noqa: F401  (registers the audit vocabulary)
        from tasks.kinds import TaskKind, register

        register(TaskKind(code="notice", label="Act on a notice from the operator"))

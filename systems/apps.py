from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "systems"
    verbose_name = "Information systems and access"

    def ready(self) -> None:
        from systems.task_kinds import register_kinds

        register_kinds()

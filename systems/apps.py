from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "systems"
    verbose_name = "Information systems and access"

    def ready(self) -> None:
        from registry import hooks
        from systems import actions  # noqa: F401  (registers the audit vocabulary)
        from systems.machines import revoke_after_roles_lost, revoke_for_membership
        from systems.reviews import review_after_roles_lost
        from systems.services import revoke_all_for_membership
        from systems.task_kinds import register_kinds

        register_kinds()
        hooks.membership_ending.register(revoke_all_for_membership)
        hooks.roles_lost.register(review_after_roles_lost)
        hooks.membership_ending.register(revoke_for_membership)
        hooks.roles_lost.register(revoke_after_roles_lost)

"""Reactions of one app to another's changes, without the lower app importing the higher.

An app declares what it announces (`registry/hooks.py`: `roles_lost = Hook(...)`); an app that
must react registers a function in its AppConfig.ready(), as task kinds are registered:

    from registry import hooks
    hooks.roles_lost.register(review_after_roles_lost)

The announcing service calls the hook inside its own transaction (`hooks.roles_lost(org,
person, actor=actor)`): every reaction runs there, in registration order, and one that raises
a DomainError undoes the whole change. Unlike Django signals, a hook is a name one grep finds
on both sides, and its reactions are part of the change, not side effects.
"""

from collections.abc import Callable


class Hook:
    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc
        self._reactions: list[Callable[..., object]] = []

    def register(self, reaction: Callable[..., object]) -> Callable[..., object]:
        """Add a reaction (once: registering the same function again changes nothing)."""
        if reaction not in self._reactions:
            self._reactions.append(reaction)
        return reaction

    def __call__(self, *args, **kwargs) -> list:
        """Run every reaction; their answers, in registration order."""
        return [reaction(*args, **kwargs) for reaction in self._reactions]

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._reactions)} reaction(s)>"

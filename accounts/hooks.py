"""What accounts announce to the apps above them (see core/hooks.py)."""

from core.hooks import Hook

password_replaced = Hook(
    "password_replaced",
    "(user, *, actor, reason) -> int: a new password (or a disabled account) ends every way in "
    "that the old one opened (apitokens revokes the account's tokens and answers how many).",
)

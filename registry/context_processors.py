from registry.rules import is_operator_staff


def staff_tools(request) -> dict:
    """Whether the person gets the staff tools on every page (decided by the rules, never in a
    template)."""
    user = getattr(request, "user", None)
    return {"staff_tools": user is not None and is_operator_staff(user)}

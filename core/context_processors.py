from django.conf import settings


def operator(request) -> dict:
    """The operator's name and Customer Relations contact, shown on every page, and whether
    the person gets the staff tools (decided by the rules, never in a template)."""
    from registry.rules import is_operator_staff

    user = getattr(request, "user", None)
    return {
        "staff_tools": user is not None and is_operator_staff(user),
        "operator": {
            "name": settings.OPERATOR_NAME,
            "short_name": settings.OPERATOR_SHORT_NAME,
            "portal_name": settings.PORTAL_NAME,
            "phone": settings.CUSTOMER_RELATIONS_PHONE,
            "email": settings.CUSTOMER_RELATIONS_EMAIL,
        },
    }

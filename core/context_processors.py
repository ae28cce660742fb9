from django.conf import settings


def operator(request) -> dict:
    """The operator's name and Customer Relations contact, shown on every page."""
    return {
        "operator": {
            "name": settings.OPERATOR_NAME,
            "short_name": settings.OPERATOR_SHORT_NAME,
            "portal_name": settings.PORTAL_NAME,
            "phone": settings.CUSTOMER_RELATIONS_PHONE,
            "email": settings.CUSTOMER_RELATIONS_EMAIL,
        },
    }

from django.conf import settings
from django.utils import translation

# The `lang` attribute of each language: French as written in Canada.
HTML_LANG = {"en": "en", "fr": "fr-CA"}


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


def language(request) -> dict:
    """The page's `lang` and the switcher's languages (each named in its own language)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "html_lang": HTML_LANG.get(current, current),
        "languages": [
            {
                "code": code,
                "name": name,
                "lang": HTML_LANG.get(code, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }

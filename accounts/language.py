"""A signed-in person reads the portal in the language they chose (`User.language`, set with
the switcher on every page through `accounts.services.set_language`), on any browser.

The middleware runs after authentication: LocaleMiddleware has already picked the language of
the cookie or of Accept-Language; a signed-in person's own choice replaces it. After the view,
a signed-in session's answer carries the person's language in the language cookie, so that
the sign-in page after signing out (or after the session ends) is in their language too.
API requests with a token have no signed-in session: Accept-Language decides for them.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import translation


def _preferred(request) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else None


def remember(response, language: str) -> None:
    """The language cookie, set as Django's set_language sets it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _preferred(request)
        if language and language != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The view may have signed the person in (or changed their language) meanwhile.
        session = getattr(request, "session", None)
        language = _preferred(request) if session is not None and SESSION_KEY in session else None
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            remember(response, language)
        return response


def languages_of_addresses(addresses: list[str]) -> dict[str, str]:
    """The language each address's person reads the portal in (core.mail's `languages_of`):
    the account of the person registered with that e-mail address, or the account's own
    address for operator staff without a person. One query, whatever the number."""
    from django.db.models import Q
    from django.db.models.functions import Lower

    from accounts.models import User

    folded = sorted({address.strip().lower() for address in addresses if address})
    if not folded:
        return {}
    found: dict[str, str] = {}
    rows = (
        User.objects.annotate(person_email=Lower("person__email"), own_email=Lower("email"))
        .filter(Q(person_email__in=folded) | Q(own_email__in=folded))
        .values_list("person_email", "own_email", "language")
    )
    for person_email, own_email, language in rows:
        for address in (own_email, person_email):  # the person's registered address wins
            if address in folded:
                found[address] = language
    return found


# The switcher clicked before signing in: the choice waits in the session, and the sign-in
# that follows in the same session keeps it with the account.
_CHOSEN = "accounts.chosen_language"


def note_choice(request, language: str) -> None:
    request.session[_CHOSEN] = language


def keep_choice(request, user) -> None:
    """At sign-in (accounts.signals): the language chosen just before, kept with the account
    through `accounts.services.set_language` (audited)."""
    session = getattr(request, "session", None)
    language = session.pop(_CHOSEN, None) if session is not None else None
    if language in dict(settings.LANGUAGES):
        from accounts.services import set_language

        user.language = set_language(user, language=language, actor=user).language

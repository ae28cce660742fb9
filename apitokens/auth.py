"""How the API knows who is calling: a Bearer token, or the browser session (CSRF for writes)."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from apitokens.models import ApiToken
from apitokens.services import authenticate_token


@dataclass(frozen=True)
class ServiceCaller:
    """A downstream system calling with a staff-issued service token."""

    token: ApiToken

    is_authenticated = True
    is_staff = False

    @property
    def name(self) -> str:
        return self.token.name


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. A presented but unusable token is 401, never a fallback
    to the session; a service token is accepted only where `service=True`."""

    def __init__(self, *, personal: bool = True, service: bool = False) -> None:
        self.personal = personal
        self.service = service
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str):
        found = authenticate_token(token.strip())
        if found is None:
            raise AuthenticationError(401, _("This API token is not valid, expired or revoked."))
        request.api_token = found
        if found.kind == ApiToken.Kind.SERVICE:
            if not self.service:
                raise HttpError(403, _("A service token cannot be used for this operation."))
            return ServiceCaller(found)
        if not self.personal:
            raise HttpError(403, _("This operation needs a service token."))
        user = found.user
        # What the token proves, as the session's stamp says it of a browser (core.reauth): its
        # owner signed in recently when it was made.
        user.authenticated_at = found.created_at.timestamp()
        user.authenticated_by = "token"
        # And the second factor as it stood when the token was made: a token made in an
        # unverified session carries no operator-staff power (registry.rules).
        user.otp_device = None
        user.is_verified = lambda: found.two_factor_verified
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session. Unsafe methods must carry Django's CSRF token (X-CSRFToken)."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, only once the session is known

    def _get_key(self, request: HttpRequest):
        from django.conf import settings

        return request.COOKIES.get(settings.SESSION_COOKIE_NAME)

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(
                403, _("The CSRF token is missing or wrong. Reload the page and retry.")
            )
        return user


token_auth = TokenAuth()
service_auth = TokenAuth(personal=False, service=True)
session_auth = SessionAuth()
# Every operation uses this unless it says otherwise.
default_auth = [token_auth, session_auth]

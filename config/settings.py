"""Settings for the registration portal. Production differs only by environment variables."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    redis_caches,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# pytest sets PYTEST_VERSION: the suite runs with test-friendly defaults unless told otherwise.
TESTING = env_bool("TESTING", "PYTEST_VERSION" in os.environ)
# The floors of `make bench` (bench/urls.py): never set in production.
BENCH_VIEWS = env_bool("BENCH_VIEWS", False)


def _local_secret_key() -> str:
    """With no SECRET_KEY set, a random key kept in a private file beside the code, so that a
    bare checkout works and sessions survive restarts. Production sets SECRET_KEY."""
    import secrets

    path = Path(env_str("SECRET_KEY_PATH", str(BASE_DIR / ".secret_key")))
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env_secret("SECRET_KEY") or _local_secret_key()
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The canonical address used in links sent by e-mail; never derived from the request's Host.
# In development it follows `PORT` (what `make run` serves), so e-mailed links open.
SITE_URL = env_str(
    "SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1) if DEBUG else 8000}"
).rstrip("/")

INSTALLED_APPS = [
    "backoffice.apps.OperatorAdminConfig",  # django.contrib.admin, themed for the operator
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "audit",
    "registry",
    "apitokens",
    "tasks",
    "banking",
    "notices",
    "systems",
    "backoffice",
    "documents",
    "conversations",
    "participation",
    "integrations",
    "scim",
    "certification",
    "home",
    "demo",  # seed_demo, seed_scale
    "oauth2_provider",
    "oidc",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # on every answer, early ones included
    "core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware: the cookie or Accept-Language picks the language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.language.PreferredLanguageMiddleware",  # a signed-in person's own language
    "core.middleware.PrivateAnswersMiddleware",  # no-store on every signed-in answer
    "django_otp.middleware.OTPMiddleware",
    "core.reauth.ProofMiddleware",  # the actor says when it last proved its password
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionTimeoutMiddleware",
    "accounts.two_factor.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.operator",
                "core.context_processors.language",
                "registry.context_processors.staff_tools",
            ],
            # the sentence builder's filters (with_article, end_sentence, telephone, ...)
            "builtins": ["core.templatetags.words"],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
_db = dj_database_url.parse(DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # IMMEDIATE takes the write lock when a transaction starts, so rules that read before
        # they write are serialized on SQLite (where SELECT ... FOR UPDATE is a no-op).
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # Without persistent connections PostgreSQL pages are several times slower.
    _db["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60, minimum=0)
    _db["CONN_HEALTH_CHECKS"] = True
else:
    raise ImproperlyConfigured("DATABASE_URL must name a sqlite:// or postgres:// database.")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PersonModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B: long passphrases, no composition rules, no truncation (accounts/validators.py).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.validators.PersonalInformationValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "news"
LOGOUT_REDIRECT_URL = "login"

# Sessions: signed out after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS
# after sign-in whatever happens (accounts.sessions.SessionTimeoutMiddleware).
# Dormant accounts (`manage.py sweep_dormant_accounts`, daily): no sign-in for this many days
# disables an account; its person is warned by e-mail DORMANT_WARNING_DAYS before.
DORMANT_AFTER_DAYS = env_int("DORMANT_AFTER_DAYS", 90, minimum=2)
DORMANT_WARNING_DAYS = env_int("DORMANT_WARNING_DAYS", 14, minimum=1)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600, minimum=60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    # __Host- cookies are sent only over HTTPS, to this exact host, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Sensitive changes (roles, banking, secret answers) need a password entry this recent.
REAUTH_MAX_AGE_SECONDS = env_int("REAUTH_MAX_AGE_SECONDS", 15 * 60, minimum=60)

# Password reset: link lifetime; wrong secret answers (over any links and sessions) before
# recovery pauses, and for how long. Invitations to set up an account last INVITATION_DAYS.
PASSWORD_RESET_LINK_MINUTES = env_int("PASSWORD_RESET_LINK_MINUTES", 60, minimum=5)
RECOVERY_FAILURE_LIMIT = env_int("RECOVERY_FAILURE_LIMIT", 5, minimum=1)
RECOVERY_COOLOFF_MINUTES = env_int("RECOVERY_COOLOFF_MINUTES", 60, minimum=1)
INVITATION_DAYS = env_int("INVITATION_DAYS", 7, minimum=1)

# django-axes (accounts/throttling.py): lock the account, whatever the client address, after
# AXES_FAILURE_LIMIT failures in a row, and a single address only after
# ACCOUNTS_IP_FAILURE_LIMIT, so that one office's typos do not lock colleagues. Both lift by
# themselves after the cool-off. The client address honours X-Forwarded-For only from
# TRUSTED_PROXIES (addresses or networks, comma-separated).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
ACCOUNTS_IP_FAILURE_LIMIT = env_int("ACCOUNTS_IP_FAILURE_LIMIT", 50, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "accounts.throttling.AccountAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked do not extend the lock: it lifts by itself after the cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "accounts.throttling.username_from_request"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False  # no banner at every start; sign-ins are in the audit log
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

# Second factor (django-otp TOTP): required for operator staff before staff pages. The test
# suite turns it off by default so that other suites' staff walk-throughs stay one-step; the
# accounts tests turn it on.
ACCOUNTS_STAFF_REQUIRE_OTP = env_bool("ACCOUNTS_STAFF_REQUIRE_OTP", not TESTING)
# A staff account's personal API token expires within this many hours (issue 22, finding 1).
API_STAFF_TOKEN_HOURS = env_int("API_STAFF_TOKEN_HOURS", 12, minimum=1)
OTP_TOTP_ISSUER = env_str("OPERATOR_SHORT_NAME", "IESO") + " Online Registration"

# Banking numbers are encrypted at rest with this key (32 bytes, base64; or BANKING_KEY_FILE).
# Without it, DEBUG and tests use a fixed development key; production refuses to store them.
BANKING_KEY = env_secret("BANKING_KEY")

# --- Documents (documents/; docs/documents.md) -------------------------------------------
# Uploads are checked by their content (PDF, PNG and JPEG by default), at most
# DOCUMENTS_MAX_BYTES, encrypted with DOCUMENTS_KEY (32 bytes, base64; or DOCUMENTS_KEY_FILE;
# DEBUG and tests use a fixed development key, `check --deploy` fails without it) and kept in
# STORAGES["documents"]: a private folder (DOCUMENTS_ROOT, never under a served URL) or, with
# DOCUMENTS_STORAGE=s3, an S3-compatible bucket (django-storages).
DOCUMENTS_MAX_BYTES = env_int("DOCUMENTS_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
DOCUMENTS_ACCEPTED_TYPES = env_list(
    "DOCUMENTS_ACCEPTED_TYPES", ["application/pdf", "image/png", "image/jpeg"]
)
DOCUMENTS_KEY = env_secret("DOCUMENTS_KEY")
DOCUMENTS_STORAGE = env_choice("DOCUMENTS_STORAGE", "filesystem", {"filesystem", "s3"})
DOCUMENTS_ROOT = env_str(
    "DOCUMENTS_ROOT",
    str(
        Path(tempfile.gettempdir()) / f"portal-test-documents-{os.getpid()}"
        if TESTING
        else BASE_DIR / "private" / "documents"
    ),
)
if DOCUMENTS_STORAGE == "s3":
    _documents_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("DOCUMENTS_S3_BUCKET", ""),
            "endpoint_url": env_str("DOCUMENTS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("DOCUMENTS_S3_REGION", "") or None,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role, ...).
            "access_key": env_secret("DOCUMENTS_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("DOCUMENTS_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("DOCUMENTS_S3_PREFIX", "documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not _documents_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("DOCUMENTS_STORAGE=s3 needs DOCUMENTS_S3_BUCKET.")
else:
    _documents_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # No URL serves this folder: only the documents:download view reads it.
        "OPTIONS": {
            "location": DOCUMENTS_ROOT,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": _documents_storage,
}

# The audit chains are HMAC-keyed with this secret, kept outside the database (or
# AUDIT_HMAC_KEY_FILE). Without it, DEBUG and tests use a fixed development key, anything else
# a random key in .audit_key (as for SECRET_KEY); `check --deploy` fails without it (audit.E001).
AUDIT_HMAC_KEY = env_secret("AUDIT_HMAC_KEY") or ""

# --- Single sign-on: the portal is the OpenID Connect provider of the operator's systems ---
# (oidc/; django-oauth-toolkit). ID tokens are signed with OIDC_RSA_PRIVATE_KEY (or its
# _FILE); without it a key is generated once into OIDC_KEY_PATH, like SECRET_KEY. Retired keys
# stay in the JWKS (OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILES) until their tokens have expired.
from oidc.keys import local_private_key, read_key_files  # noqa: E402 (nothing Django in it)

# oidc.SystemClient points at the application model, so migrations name this swappable setting.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": env_secret("OIDC_RSA_PRIVATE_KEY")
    or local_private_key(Path(env_str("OIDC_KEY_PATH", str(BASE_DIR / ".oidc_key.pem")))),
    "OIDC_RSA_PRIVATE_KEYS_INACTIVE": read_key_files(
        env_list("OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILES", [])
    ),
    # Empty: the issuer is this site's address as the request names it (ALLOWED_HOSTS).
    "OIDC_ISS_ENDPOINT": env_str("OIDC_ISSUER", "").rstrip("/"),
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    "OAUTH2_VALIDATOR_CLASS": "oidc.validators.PortalValidator",
    "SCOPES": {
        "openid": "Sign you in",
        "profile": "Your name and Person ID",
        "email": "Your business e-mail address",
        "organizations": "Your organizations, roles and access to this system",
    },
    "DEFAULT_SCOPES": ["openid"],
    "PKCE_REQUIRED": True,  # every client, public or confidential (OAuth 2.1)
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"] if DEBUG or TESTING else ["https"],
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    # Short-lived access and ID tokens: a revoked grant stops counting within minutes, and
    # refreshing checks the grant again.
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("OIDC_ACCESS_TOKEN_SECONDS", 300, minimum=30),
    "ID_TOKEN_EXPIRE_SECONDS": env_int("OIDC_ACCESS_TOKEN_SECONDS", 300, minimum=30),
    "REFRESH_TOKEN_EXPIRE_SECONDS": SESSION_ABSOLUTE_SECONDS,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,  # a replayed refresh token ends its whole family
    # OAuth 2.0 Security Best Current Practice (RFC 9700), ahead of the library's defaults:
    # S256 only, tokens never in query strings, `iss` in authorization responses, tokens
    # stored hashed, and `check --deploy` errors on any weaker setting.
    **{
        f"COMPLIANT_BCP_RFC9700_{gate}": True
        for gate in [
            "IMPLICIT_GRANT",
            "PASSWORD_GRANT",
            "PKCE_METHOD",
            "ACCESS_TOKEN_TRANSPORT",
            "AUTHZ_RESPONSE_ISS",
            "TOKEN_STORAGE",
            "REFRESH_TOKEN",
            "REDIRECT_URI_SCHEME",
            "REDIRECT_URI_MATCHING",
            "PKCE_REQUIRED",
        ]
    },
}

# --- API rate limits (config/api.py) ------------------------------------------------------
# Per token (or account, or client address): "<requests>/<period>", the period one of s, sec,
# m, min, h, hour, d. The person search limit is a security control (harvesting the
# registry); only raise it where nobody but a benchmark can reach the server.
_RATE_PERIODS = {"s", "sec", "m", "min", "h", "hour", "d"}


def _env_rate(name: str, default: str) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    number, slash, period = raw.strip().partition("/")
    if not (slash and number.isdigit() and int(number) >= 1 and period in _RATE_PERIODS):
        raise ImproperlyConfigured(
            f"{name} must look like 60/min (a whole number of requests per s, sec, m, min, h, "
            f"hour or d), not {raw!r}."
        )
    return f"{int(number)}/{period}"


API_RATE_LIMITS = {
    "search": _env_rate("API_RATE_LIMIT_SEARCH", "60/min"),
    "auth": _env_rate("API_RATE_LIMIT_AUTH", "10/min"),
}

# --- The shared cache ---------------------------------------------------------------------
# CACHE_URL (redis://host:port/db, rediss:// with TLS) is one store for every worker and server:
# API rate limits count there atomically, and sessions are cached there in front of the
# database (a signed-out session is gone everywhere). Without it, Django's per-process memory
# cache (fine for `make run`; in production the check core.W001 warns).
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL:
    CACHES = redis_caches(CACHE_URL)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Background work ----------------------------------------------------------------------
BACKGROUND_TASKS = env_choice(
    "BACKGROUND_TASKS", "immediate" if TESTING else "database", {"database", "immediate"}
)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if BACKGROUND_TASKS == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Webhooks (integrations) ---------------------------------------------------------------
# Outbound calls to participants' systems: short time-outs, and never to the portal's own
# network (integrations/network.py). WEBHOOKS_ALLOW_LOOPBACK lets development and tests aim
# them at 127.0.0.1 (as DEBUG does); "local" resolves only IP literals and localhost (tests:
# no DNS query leaves the machine).
WEBHOOKS_ALLOW_LOOPBACK = env_bool("WEBHOOKS_ALLOW_LOOPBACK", False)
WEBHOOKS_RESOLVER = env_choice(
    "WEBHOOKS_RESOLVER", "local" if TESTING else "system", {"system", "local"}
)
WEBHOOKS_CONNECT_TIMEOUT = env_int("WEBHOOKS_CONNECT_TIMEOUT", 3, minimum=1)
WEBHOOKS_READ_TIMEOUT = env_int("WEBHOOKS_READ_TIMEOUT", 5, minimum=1)
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 12, minimum=1)
WEBHOOKS_DISABLE_AFTER_FAILURES = env_int("WEBHOOKS_DISABLE_AFTER_FAILURES", 50, minimum=1)

# --- E-mail -------------------------------------------------------------------------------
# In development every message is a file under EMAIL_FILE_PATH (sent-mail/, git-ignored), not
# text in the server's terminal.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Online Registration <no-reply@localhost>")

# --- The operator -------------------------------------------------------------------------
OPERATOR_NAME = env_str("OPERATOR_NAME", "Independent Electricity System Operator")
OPERATOR_SHORT_NAME = env_str("OPERATOR_SHORT_NAME", "IESO")
PORTAL_NAME = env_str("PORTAL_NAME", "Online Registration")
CUSTOMER_RELATIONS_PHONE = env_str("CUSTOMER_RELATIONS_PHONE", "1.888.448.7777")
CUSTOMER_RELATIONS_EMAIL = env_str("CUSTOMER_RELATIONS_EMAIL", "customer.relations@ieso.ca")
PHONE_DEFAULT_REGION = env_str("PHONE_DEFAULT_REGION", "CA").upper()

# --- Internationalization and static files ------------------------------------------------
# English and Canadian French. The URLs carry no language prefix (the API's and the links in
# e-mails stay as they are): the language cookie, a signed-in person's preference
# (accounts.language) or Accept-Language choose it. Dates and numbers follow Canada's
# conventions in both (config/formats: en-CA and fr-CA).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
TIME_ZONE = env_str("TIME_ZONE", "America/Toronto")
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind a TLS-terminating proxy in production: redirect plain HTTP, and tell browsers to
# insist on HTTPS. Each can be turned off by its variable (the benchmark serves plain HTTP).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_COOKIES)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_COOKIES else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): only this site's own scripts, styles and images; no
# inline script or style attribute anywhere (templates use static files), no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.errorviews.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # axes logs every sign-in at INFO (the audit log has them); lockouts are warnings.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # Each task's RUNNING and SUCCESSFUL lines would fill the development terminal.
        **({"django_tasks": {"level": "WARNING"}} if DEBUG else {}),
    },
}
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # per-IP throttling is configured in accounts

"""System checks of the deployment the code cannot fix by itself."""

from django.conf import settings
from django.core import checks

# Backends every worker and server share; Django's memory and file caches are per process or
# per machine.
SHARED_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django.core.cache.backends.db.DatabaseCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Production (DEBUG off) without a shared cache: API rate limits count per process."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in SHARED_BACKENDS:
        return []
    return [
        checks.Warning(
            "There is no shared cache, so API rate limits (person search, password reset) "
            "count separately in every worker process: with 4 workers a limit of 60 a minute "
            "lets through up to 240.",
            hint="Set CACHE_URL to a Redis server every worker and server can reach, e.g. "
            "redis://127.0.0.1:6379/0.",
            id="core.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def audit_key(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Production without AUDIT_HMAC_KEY: the audit chain would not resist a database writer."""
    if settings.DEBUG or getattr(settings, "TESTING", False) or settings.AUDIT_HMAC_KEY:
        return []
    return [
        checks.Error(
            "AUDIT_HMAC_KEY is not set: without a key kept outside the database, anyone who "
            "can write to it could rewrite the audit log undetected (a key in a local file "
            "beside the code is used meanwhile).",
            hint="Set AUDIT_HMAC_KEY (or AUDIT_HMAC_KEY_FILE) to a long random secret, the same "
            "on every server, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'.",
            id="audit.E001",
        )
    ]

"""Issue 22 finding 5 / issue 21: rate limits and sessions in one shared store (CACHE_URL,
Django's Redis backend). These run against a throwaway redis-server (conftest `redis_url`);
the multi-server test shows a limit holding across two gunicorn servers."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.checks import Warning as CheckWarning
from django.test import Client

from config.env import redis_caches
from core.api import count_in_window
from core.checks import shared_cache as shared_cache_check
from registry.tests.api_helpers import as_persona, call

ROOT = Path(__file__).resolve().parents[2]


def _settings_with(**env) -> list[str]:
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_cache_url_selects_djangos_redis_cache_and_cached_db_sessions():
    assert _settings_with(CACHE_URL="redis://127.0.0.1:6399/1") == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_without_cache_url_the_embedded_default_stays():
    environment = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    assert _settings_with(**environment, CACHE_URL="") == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def test_a_cache_url_that_is_not_redis_is_refused():
    with pytest.raises(Exception, match="CACHE_URL must be a redis"):
        redis_caches("memcached://127.0.0.1:11211")


def test_production_without_a_shared_cache_warns_that_limits_are_per_process(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [warning] = shared_cache_check(None)
    assert isinstance(warning, CheckWarning) and warning.id == "core.W001"
    assert "count separately in every worker process" in warning.msg
    settings.CACHES = redis_caches("redis://127.0.0.1:6379/0")
    assert shared_cache_check(None) == []
    settings.DEBUG = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert shared_cache_check(None) == []


def test_concurrent_counts_in_redis_are_exact_and_expire(shared_cache):
    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = sorted(pool.map(lambda _: count_in_window("test:exact", 60), range(40)))
    assert counts == list(range(1, 41))
    backend = caches["default"]
    assert isinstance(backend, RedisCache)
    made = backend.make_and_validate_key("test:exact")
    assert 0 < backend._cache.get_client(made).ttl(made) <= 60


@pytest.mark.django_db
def test_the_search_limit_counts_in_the_shared_store_that_every_worker_reads(
    shared_cache, personas, settings
):
    settings.API_RATE_LIMITS = {"search": "3/min"}
    alice = as_persona(personas, "alice")
    assert [call(alice, "GET", "/persons?q=Martin").status_code for _ in range(3)] == [200] * 3
    # Another worker process: a client of its own to the same Redis, not this process' memory.
    other_worker = RedisCache(shared_cache, {"KEY_PREFIX": "portal"})
    keys = other_worker._cache.get_client().keys("portal:*api-rate:search:*")
    assert [int(other_worker._cache.get_client().get(k)) for k in keys] == [3]
    assert call(alice, "GET", "/persons?q=Martin").status_code == 429


@pytest.mark.django_db
def test_a_signed_out_session_is_gone_from_the_shared_cache_and_the_database(
    shared_cache, personas, settings
):
    client = Client()
    client.force_login(personas.erin)
    key = client.session.session_key
    other_server = RedisCache(shared_cache, {"KEY_PREFIX": "portal"})
    cache_key = f"django.contrib.sessions.cached_db{key}"
    assert other_server.get(cache_key) is not None  # every server finds it in the cache
    assert client.get("/news/").status_code == 200
    client.post("/logout/")
    assert other_server.get(cache_key) is None
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get("/news/").status_code == 302

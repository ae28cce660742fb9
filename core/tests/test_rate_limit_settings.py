"""API rate limits come from the environment, are checked at start-up, and default to the
limits security case 49 relies on."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import API_RATE_LIMITS, _env_rate


def test_the_defaults_are_the_documented_limits(monkeypatch):
    monkeypatch.delenv("API_RATE_LIMIT_SEARCH", raising=False)
    assert _env_rate("API_RATE_LIMIT_SEARCH", "60/min") == "60/min"
    assert set(API_RATE_LIMITS) == {"search", "auth"}


def test_a_rate_from_the_environment_is_used(monkeypatch):
    monkeypatch.setenv("API_RATE_LIMIT_SEARCH", " 100000/min ")
    assert _env_rate("API_RATE_LIMIT_SEARCH", "60/min") == "100000/min"


@pytest.mark.parametrize("bad", ["60", "60/week", "0/min", "-1/min", "sixty/min", "60/", "/min"])
def test_a_malformed_rate_stops_the_start_up(monkeypatch, bad):
    monkeypatch.setenv("API_RATE_LIMIT_SEARCH", bad)
    with pytest.raises(ImproperlyConfigured, match="API_RATE_LIMIT_SEARCH"):
        _env_rate("API_RATE_LIMIT_SEARCH", "60/min")

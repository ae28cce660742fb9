"""The client address honours X-Forwarded-For only from trusted proxies (security case 12)."""

import pytest
from django.test import RequestFactory

from accounts.throttling import client_ip

rf = RequestFactory()


def ip(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(rf.get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert ip("198.51.100.1", "203.0.113.9") == "198.51.100.1"


def test_a_trusted_proxy_passes_on_the_address_it_saw(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("10.0.0.2", "203.0.113.9") == "203.0.113.9"


def test_addresses_a_client_wrote_itself_are_not_believed(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client sent "1.2.3.4"; the proxy appended the address it really saw.
    assert ip("10.0.0.2", "1.2.3.4, 203.0.113.9") == "203.0.113.9"
    assert ip("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.7") == "203.0.113.9"


def test_an_untrusted_sender_of_the_header_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("203.0.113.50", "10.0.0.9") == "203.0.113.50"


@pytest.mark.parametrize("garbage", ["", "not-an-ip", "1.2.3.4, nonsense"])
def test_garbled_headers_fall_back_to_the_proxy(settings, garbage):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("10.0.0.2", garbage) in {"10.0.0.2", None}


@pytest.mark.django_db
def test_the_audit_log_records_the_trusted_proxy_derived_address(client, settings):
    from accounts.tests.helpers import last_audit, sign_in

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    sign_in(client, "alice", "wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert last_audit("account.sign_in_failed").ip == "203.0.113.9"
    sign_in(client, "alice", "wrong", ip="198.51.100.3", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert last_audit("account.sign_in_failed").ip == "198.51.100.3"

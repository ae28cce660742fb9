"""SSRF: webhook URLs never reach the portal's own network, at subscription or delivery."""

import pytest

from integrations import network
from integrations.tests.helpers import Receiver


@pytest.fixture
def names(monkeypatch):
    """The test resolver hook: names that resolve to what a test says, without DNS."""
    table = {}
    monkeypatch.setattr(network, "TEST_NAMES", table)
    return table


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.5/hook",
        "https://172.16.3.4/hook",
        "https://192.168.1.1/hook",
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://[fd00::1]/hook",
        "https://224.0.0.1/hook",
        "https://240.0.0.1/hook",
        "https://0.0.0.0/hook",
        "https://100.64.0.1/hook",
        "https://localhost/hook",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(settings, url):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    with pytest.raises(network.Unsafe):
        network.check_url(url)


def test_a_name_resolving_to_a_private_address_is_refused(settings, names):
    names["hooks.example.com"] = ["203.0.113.9", "10.1.2.3"]  # one bad address is enough
    with pytest.raises(network.Unsafe, match="private"):
        network.check_url("https://hooks.example.com/x")
    names["hooks.example.com"] = ["::ffff:192.168.0.1"]
    with pytest.raises(network.Unsafe, match="IPv4"):
        network.check_url("https://hooks.example.com/x")


def test_a_public_address_over_https_passes_and_http_does_not(names):
    names["hooks.example.net"] = ["8.8.8.8"]
    target = network.check_url("https://hooks.example.net:8443/in?x=1")
    assert (target.address, target.port, target.path) == ("8.8.8.8", 8443, "/in?x=1")
    with pytest.raises(network.Unsafe, match="https"):
        network.check_url("http://hooks.example.net/in")


def test_loopback_only_under_debug_or_the_development_setting(settings):
    settings.DEBUG, settings.WEBHOOKS_ALLOW_LOOPBACK = False, False
    with pytest.raises(network.Unsafe, match="loopback"):
        network.check_url("http://localhost:9/hook")
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    assert network.check_url("http://localhost:9/hook").address == "127.0.0.1"


def test_delivery_time_check_refuses_a_name_that_now_resolves_to_loopback(settings, names):
    """DNS may change after subscription: the address is checked again before connecting."""
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    receiver = Receiver().start()
    try:
        names["rebind.example.com"] = ["127.0.0.1"]
        answer = network.post(f"https://rebind.example.com:{receiver.port}/", b"{}", {})
    finally:
        receiver.stop()
    assert answer.status is None and "loopback" in answer.error
    assert receiver.received == []


@pytest.mark.django_db
def test_the_subscription_refuses_an_unsafe_url(personas, names):
    from core.errors import Invalid
    from integrations import services

    names["internal.example.com"] = ["10.9.8.7"]
    with pytest.raises(Invalid) as exc:
        services.create_webhook(
            personas.northwind,
            data={"url": "https://internal.example.com/x", "events": ["contact.added"]},
            actor=personas.alice,
        )
    assert "private" in exc.value.fields["url"][0]

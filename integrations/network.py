"""Outbound requests that cannot be aimed at the portal's own network (SSRF).

A webhook URL's host is resolved and *every* address it resolves to is checked, at
subscription and again at each delivery (DNS may change in between); the request then goes to
the address that was checked (no second lookup an attacker's DNS could answer differently),
with the URL's host name for the `Host` header, TLS SNI and certificate check. Private,
loopback, link-local, shared, unique-local, multicast, reserved and unspecified addresses are
refused, and so are IPv4-mapped, 6to4 and Teredo IPv6 addresses (they reach IPv4 hosts behind
the check). Loopback is allowed only under DEBUG or `WEBHOOKS_ALLOW_LOOPBACK` (development and
tests), and only then plain HTTP. Redirects are never followed, time-outs are short and at most
`RESPONSE_LIMIT` bytes of a response are read.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import sentence

RESPONSE_LIMIT = 4096
USER_AGENT = "OnlineRegistration-Webhooks/1"


class Unsafe(Exception):
    """The URL must not be called: its sentence says why, for a person."""


def loopback_allowed() -> bool:
    return bool(settings.DEBUG or settings.WEBHOOKS_ALLOW_LOOPBACK)


# Names tests resolve without asking DNS (`WEBHOOKS_RESOLVER = "local"`): the test resolver hook.
TEST_NAMES: dict[str, list[str]] = {}


def _local(host: str) -> list[str]:
    if host in TEST_NAMES:
        return list(TEST_NAMES[host])
    if host.lower() in {"localhost", "localhost.localdomain"} or host.lower().endswith(
        ".localhost"
    ):
        return ["127.0.0.1"]
    raise Unsafe(_not_found(host))


def _not_found(host: str) -> str:
    return sentence(_("The host {host} cannot be found."), host=host)


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (an IP literal is itself)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    if settings.WEBHOOKS_RESOLVER == "local":
        return _local(host)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Unsafe(_not_found(host)) from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def refusal(address: str) -> str | None:
    """Why the portal will not connect to `address`, or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and (ip.ipv4_mapped or ip.sixtofour or ip.teredo):
        return pgettext_lazy(
            "why an address is refused", "an IPv6 address that reaches an IPv4 host"
        )
    if ip.is_loopback:
        return (
            None
            if loopback_allowed()
            else pgettext_lazy("why an address is refused", "a loopback address")
        )
    for test, what in (
        (ip.is_unspecified, pgettext_lazy("why an address is refused", "an unspecified address")),
        (ip.is_link_local, pgettext_lazy("why an address is refused", "a link-local address")),
        (ip.is_multicast, pgettext_lazy("why an address is refused", "a multicast address")),
        (ip.is_private, pgettext_lazy("why an address is refused", "a private address")),
        (ip.is_reserved, pgettext_lazy("why an address is refused", "a reserved address")),
        (
            not ip.is_global,
            pgettext_lazy("why an address is refused", "an address that is not public"),
        ),
    ):
        if test:
            return what
    return None


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked address the request goes to


def check_url(url: str) -> Target:
    """The URL's target, every address checked; `Unsafe` with a sentence otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Unsafe(_("The address is not a valid URL.")) from None
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in {"https", "http"} or not host:
        raise Unsafe(_("The address must be an https:// URL."))
    if parts.username or parts.password:
        raise Unsafe(_("The address must not contain a user name or password."))
    port = port or (443 if scheme == "https" else 80)
    addresses = resolve(host, port)
    if not addresses:
        raise Unsafe(_not_found(host))
    for address in addresses:
        why = refusal(address)
        if why is not None:
            raise Unsafe(
                sentence(
                    _("The host {host} resolves to {why} ({address}), which is refused."),
                    host=host,
                    why=why,
                    address=address,
                )
            )
    if scheme == "http" and not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise Unsafe(_("The address must be an https:// URL (http:// only to this machine)."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, host, port, path, addresses[0])


@dataclass(frozen=True)
class Response:
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, body: bytes, headers: dict[str, str]) -> Response:
    """POST `body` to the checked address of `url`; never raises for the network's reasons."""
    try:
        target = check_url(url)
    except Unsafe as exc:
        with translation.override("en"):  # the delivery log keeps it, like the audit log
            return Response(None, str(exc))
    timeout = urllib3.Timeout(
        connect=settings.WEBHOOKS_CONNECT_TIMEOUT, read=settings.WEBHOOKS_READ_TIMEOUT
    )
    options = {"timeout": timeout, "retries": False, "maxsize": 1}
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(target.address, target.port, **options)
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if ":" not in target.host else f"[{target.host}]"
    if target.port != default_port:
        host_header += f":{target.port}"
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={
                **headers,
                "Host": host_header,
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
            },
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            response.read(RESPONSE_LIMIT)  # never more, however much it sends
        finally:
            response.release_conn()
            response.close()
    except urllib3.exceptions.HTTPError as exc:
        return Response(None, _reason(exc))
    except OSError as exc:
        return Response(None, f"Network error: {exc.__class__.__name__}.")
    finally:
        pool.close()
    if 300 <= response.status < 400:
        return Response(response.status, "Redirects are not followed.")
    return Response(response.status, "" if 200 <= response.status < 300 else "Not a 2xx answer.")


def _reason(exc: Exception) -> str:
    # NewConnectionError is a ConnectTimeoutError too: ask it first.
    if isinstance(exc, urllib3.exceptions.NewConnectionError | urllib3.exceptions.MaxRetryError):
        return "Could not connect."
    if isinstance(exc, urllib3.exceptions.TimeoutError):
        return "Timed out."
    if isinstance(exc, urllib3.exceptions.SSLError):
        return "TLS error: the certificate could not be verified."
    return f"Network error: {exc.__class__.__name__}."

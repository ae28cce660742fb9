"""Where a request comes from: REMOTE_ADDR, or the last address before a trusted proxy in
X-Forwarded-For when (and only when) REMOTE_ADDR is one of `TRUSTED_PROXIES`. Used by the audit
log's request context, the sign-in throttle and the API's rate limits."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _parse(address: str | None):
    try:
        return ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The client's address; proxy headers count only when sent by a trusted proxy."""
    remote = _parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    networks = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return str(remote)
    # Walk X-Forwarded-For from the right: each trusted proxy appended the address it saw.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _parse(hop)
        if address is None:
            break  # a garbled header: trust nothing left of it
        if not _is_trusted(address, networks):
            return str(address)
    return str(remote)

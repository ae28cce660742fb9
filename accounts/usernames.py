"""Account names: the one folding every path applies (sign-in, sign-up, throttling, lookups)."""

import unicodedata


def normalize_username(raw: str | None) -> str:
    """Unicode NFKC (as Django's sign-in form applies), surrounding spaces removed, lower case.

    Two names equal after this are one account name: a fullwidth `ａｌｉｃｅ` is `alice`."""
    return unicodedata.normalize("NFKC", raw or "").strip().lower()

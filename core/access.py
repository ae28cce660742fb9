"""What every app's access.py shares."""


def as_id(value) -> int | None:
    """An ID from a URL or a request body as a positive int, or None (then: not found)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None

"""What every app's access.py shares."""

from core.errors import NotFound


def as_id(value) -> int | None:
    """An ID from a URL or a request body as a positive int, or None (then: not found)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def one_of(org, queryset, raw_id, what: str):
    """The row of `queryset` that belongs to `org` with the ID `raw_id` (its organization read
    with it), else NotFound naming `what` it is: another organization's is missing, like one
    that does not exist."""
    number = as_id(raw_id)
    found = (
        queryset.filter(organization=org, pk=number).select_related("organization").first()
        if number is not None
        else None
    )
    if found is None:
        raise NotFound(f"{org.legal_name} has no {what} with ID {raw_id}.")
    return found

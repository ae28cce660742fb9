"""Read-side questions behind News, each answered in a fixed number of queries (used by the
News page and the News API)."""

from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry
from banking.rules import banking_org_ids
from conversations.queries import readable_comment_audit_ids
from registry.models import Organization
from registry.rules import is_operator_staff

NEWS_PAGE_SIZE = 25


def news_entries(user):
    """Recent activity of the user's organizations, newest first (staff: everything)."""
    qs = AuditEntry.objects.filter(outcome=AuditEntry.Outcome.DONE)
    if not is_operator_staff(user):
        org_ids = list(Organization.objects.visible_to(user).values_list("org_id", flat=True))
        qs = qs.filter(org_id__in=org_ids)
        # Banking news (masked) only for the organizations where the user is in the banking
        # group; a plain member sees none of it.
        qs = qs.exclude(Q(action__startswith="banking.") & ~Q(org_id__in=banking_org_ids(user)))
        # A comment only for those who read its conversation (a task's group, its requester).
        qs = qs.exclude(
            Q(action__startswith="comment.") & ~Q(target_id__in=readable_comment_audit_ids(user))
        )
    # Task steps are the machinery behind the events News reports (a banking change approved),
    # and a reveal of banking numbers is for the audit log only.
    # Announcements and notices are shown as themselves, not as their audit entries.
    qs = qs.exclude(action__startswith="task.").exclude(
        action__in=["banking.revealed", "notice.issued", "announcement.published"]
    )
    return qs.exclude(org_id=None).order_by("-at", "-id")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def news_cursor(entry: AuditEntry) -> str:
    """Where a News page starts or ends: the entry's time (microseconds) and id."""
    return f"{(entry.at - _EPOCH) // timedelta(microseconds=1)}-{entry.pk}"


def parse_news_cursor(text: str | None) -> tuple[datetime, int] | None:
    micros, _, pk = (text or "").partition("-")
    if not (
        (micros + pk).isascii()
        and micros.isdigit()
        and pk.isdigit()
        and len(micros) <= 17
        and len(pk) <= 18
    ):
        return None
    try:
        return _EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        return None


def news_page(user, *, older: str | None = None, newer: str | None = None) -> dict:
    """One page of News by keyset ("older than" / "newer than" an entry), without counting the
    entries: a count visits every audit entry of the user's organizations, a keyset page only
    the page (the audit_org_recent index is in (-at, -id) order). One query, two at the top."""
    entries = news_entries(user)
    before, after = parse_news_cursor(older), parse_news_cursor(newer)
    if after is not None and before is None:
        at, pk = after
        rows = list(
            entries.filter(Q(at__gt=at) | Q(at=at, id__gt=pk)).order_by("at", "id")[
                : NEWS_PAGE_SIZE + 1
            ]
        )
        if len(rows) > NEWS_PAGE_SIZE:
            rows = rows[:NEWS_PAGE_SIZE][::-1]
            return {"entries": rows, "newer": news_cursor(rows[0]), "older": news_cursor(rows[-1])}
        # Back at the top: show the newest page, full.
        before = None
    elif before is not None:
        at, pk = before
        entries = entries.filter(Q(at__lt=at) | Q(at=at, id__lt=pk))
    rows = list(entries[: NEWS_PAGE_SIZE + 1])
    has_older = len(rows) > NEWS_PAGE_SIZE
    rows = rows[:NEWS_PAGE_SIZE]
    return {
        "entries": rows,
        "newer": news_cursor(rows[0]) if rows and before is not None else None,
        "older": news_cursor(rows[-1]) if has_older else None,
    }


# The names people use for the zones an operator may run in (the TIME_ZONE setting).
ZONE_NAMES = {
    "America/Toronto": _("Eastern Time"),
    "America/Montreal": _("Eastern Time"),
    "America/New_York": _("Eastern Time"),
    "America/Halifax": _("Atlantic Time"),
    "America/St_Johns": _("Newfoundland Time"),
    "America/Winnipeg": _("Central Time"),
    "America/Chicago": _("Central Time"),
    "America/Regina": _("Central Standard Time (Saskatchewan)"),
    "America/Edmonton": _("Mountain Time"),
    "America/Denver": _("Mountain Time"),
    "America/Vancouver": _("Pacific Time"),
    "America/Los_Angeles": _("Pacific Time"),
    "UTC": _("Coordinated Universal Time (UTC)"),
}


def zone_name() -> str:
    """The operator's time zone as people name it: "Eastern Time (America/Toronto)"."""
    from django.conf import settings

    key = settings.TIME_ZONE
    name = ZONE_NAMES.get(key)
    return f"{name} ({key})" if name and key != "UTC" else str(name or key)


def by_day(entries) -> list[dict]:
    """News entries (newest first) grouped by their day in the operator's zone, each day
    headed "Today", "Yesterday" or its date; no query."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    today = timezone.localdate()
    days: list[dict] = []
    for entry in entries:
        day = timezone.localtime(entry.at).date()
        if not days or days[-1]["date"] != day:
            relative = day in (today, today - timedelta(days=1))
            if day == today:
                label = gettext("Today")
            elif day == today - timedelta(days=1):
                label = gettext("Yesterday")
            else:
                label = date_format(day, "l j F Y")  # "Friday 4 December 2026"
            days.append({"date": day, "label": label, "relative": relative, "entries": []})
        days[-1]["entries"].append(entry)
    return days

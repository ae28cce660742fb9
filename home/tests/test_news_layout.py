"""Issue 15 point 11: News shows the operator's announcements first (with an empty state),
then activity grouped by day, with times in the operator's named zone."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from notices.models import Announcement
from registry.models import RoleType
from registry.services import add_contact

pytestmark = pytest.mark.django_db


def _news(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("news")).content.decode()


def test_announcements_have_their_own_section_with_an_empty_state(client, personas):
    Announcement.objects.all().delete()
    page = _news(client, personas.alice)
    assert '<h2 id="from-operator">Announcements from IESO</h2>' in page
    assert "No announcements at the moment." in page
    assert page.index("Announcements from IESO") < page.index('id="activity"')


def test_activity_is_grouped_by_day_with_times_in_the_named_zone(client, personas):
    # Something happens now (the demo data's entries may be from before midnight).
    banking = RoleType.objects.get(code="invoicing_banking_contact")
    add_contact(personas.northwind, personas.person("erin"), banking, actor=personas.alice)
    page = _news(client, personas.alice)
    assert "Times are Eastern Time (America/Toronto)." in page
    today = timezone.localdate()
    assert re.search(rf"<h3 id=\"day-{today:%Y-%m-%d}\">Today", page)
    # Times under a day heading carry the hour only, the day is in the heading.
    assert re.search(r'<time datetime="[^"]+">\d\d:\d\d</time> <span>', page)


def test_days_are_named_today_yesterday_or_by_date():
    from home.queries import by_day

    # Noon today in the operator's zone: a minute either side stays on the same day.
    now = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    entries = [
        AuditEntry(at=now),
        AuditEntry(at=now - timedelta(days=1)),
        AuditEntry(at=now - timedelta(days=1, minutes=1)),
        AuditEntry(at=now - timedelta(days=9)),
    ]
    days = by_day(entries)
    assert [d["label"] for d in days][:2] == ["Today", "Yesterday"]
    assert [len(d["entries"]) for d in days] == [1, 2, 1]
    old = timezone.localtime(now - timedelta(days=9)).date()
    assert days[2]["label"] == f"{old:%A} {old.day} {old:%B %Y}"


def test_an_organization_without_activity_is_told_what_will_appear(client, db):
    from accounts.models import User

    user = User.objects.create_user("newcomer", password="x" * 20)
    page = _news(client, user)
    assert "Nothing has happened in your organizations yet. Here you will see" in page


def _activity_times(page: str) -> list[list[tuple[str, str]]]:
    """Each day's activity times in order, as (class attribute, shown text)."""
    activity = page[page.index('id="activity"') :]
    days = re.findall(r'<ol class="news-list"[^>]*>(.*?)</ol>', activity, re.S)
    time = r'<time datetime="[^"]+"(?: class="([^"]*)")?>([^<]*)</time>'
    return [re.findall(time, day) for day in days]


def test_a_run_of_entries_at_the_same_time_shows_the_time_once(client, personas):
    import time_machine

    from registry import services
    from registry.tests.helpers import role

    org, settlement = personas.northwind, role("settlement_contact")
    # Three changes in the same minute, as when one person registers contacts in a row.
    moment = timezone.now() + timedelta(seconds=1)
    with time_machine.travel(moment, tick=False):
        for name in ["erin", "ivan"]:
            services.add_contact(org, personas.person(name), settlement, actor=personas.alice)
        services.remove_contact(org, personas.person("erin"), settlement, actor=personas.alice)
    days = _activity_times(_news(client, personas.alice))
    first_day = days[0]
    assert [text for _, text in first_day[:3]] == [f"{timezone.localtime(moment):%H:%M}"] * 3
    # The first of the run shows it; the next two keep it for machines and screen readers only.
    assert ["visually-hidden" in cls for cls, _ in first_day[:3]] == [False, True, True]
    for day in days:
        shown = [text for cls, text in day if "visually-hidden" not in cls]
        assert all(a != b for a, b in zip(shown, shown[1:])), f"a time repeats: {shown}"

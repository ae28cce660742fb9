"""Staff compose, preview, publish and withdraw announcements (the back office)."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from audit.sentences import describe
from core.errors import Forbidden, Invalid, RuleViolation
from notices import services
from notices.models import Announcement

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcement(personas) -> Announcement:
    return services.publish_announcement(
        data={"title": "Portal maintenance", "body": "Saturday 02:00–04:00."},
        actor=personas.staff,
    )


def news(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("news")).content.decode()


def test_a_withdrawn_announcement_leaves_everyones_news_and_is_audited(
    client, personas, announcement
):
    services.withdraw_announcement(
        announcement, data={"reason": "Maintenance postponed."}, actor=personas.staff
    )
    assert "Portal maintenance" not in news(client, personas.alice)
    client.force_login(personas.alice)
    api = client.get("/api/v1/news").json()
    assert all(item["title"] != "Portal maintenance" for item in api["items"])
    entry = AuditEntry.objects.filter(action="announcement.withdrawn").get()
    assert entry.details == {"reason": "Maintenance postponed."}
    assert describe(entry) == "Olivia Operator withdrew the announcement “Portal maintenance”."


def test_only_staff_withdraw(personas, announcement):
    with pytest.raises(Forbidden):
        services.withdraw_announcement(announcement, data={"reason": "No."}, actor=personas.alice)
    announcement.refresh_from_db()
    assert announcement.withdrawn_at is None


def test_a_withdrawal_needs_a_reason(personas, announcement):
    with pytest.raises(Invalid) as refused:
        services.withdraw_announcement(announcement, data={"reason": " "}, actor=personas.staff)
    assert "reason" in refused.value.fields
    announcement.refresh_from_db()
    assert announcement.withdrawn_at is None


def test_an_announcement_is_withdrawn_once(personas, announcement):
    services.withdraw_announcement(announcement, data={"reason": "Gone."}, actor=personas.staff)
    with pytest.raises(RuleViolation) as refused:
        services.withdraw_announcement(
            announcement, data={"reason": "Again."}, actor=personas.staff
        )
    assert refused.value.code == "already_withdrawn"


def test_the_preview_shows_the_announcement_as_news_will_and_publishes_nothing(client, personas):
    client.force_login(personas.staff)
    response = client.post(
        reverse("notices-publish-announcement"),
        {"title": "Holiday hours", "body": "Closed on the 25th.", "preview": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview: as it will appear on News" in page
    assert "<strong>Holiday hours</strong><p>Closed on the 25th.</p>" in page
    assert not Announcement.objects.exists()
    response = client.post(
        reverse("notices-publish-announcement"),
        {"title": "Holiday hours", "body": "Closed on the 25th.", "publish": ""},
        follow=True,
    )
    assert "is on everyone&#x27;s News" in response.content.decode()
    assert Announcement.objects.published().count() == 1


def test_a_preview_with_errors_says_what_to_correct(client, personas):
    client.force_login(personas.staff)
    response = client.post(
        reverse("notices-publish-announcement"), {"title": "", "body": "B", "preview": ""}
    )
    assert response.status_code == 422
    assert "There is a problem" in response.content.decode()


def test_the_withdraw_page_asks_first_then_withdraws_and_says_so(client, personas, announcement):
    client.force_login(personas.staff)
    url = reverse("notices-withdraw-announcement", args=[announcement.pk])
    page = client.get(url).content.decode()
    assert "Withdraw the announcement “Portal maintenance”?" in page
    assert "Yes, withdraw it" in page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 422
    response = client.post(url, {"reason": "Postponed."}, follow=True)
    page = response.content.decode()
    assert "is withdrawn: it is no longer on News" in page
    assert "Withdrawn" in page
    assert client.post(url, {"reason": "Again."}, follow=True).status_code == 200
    assert AuditEntry.objects.filter(action="announcement.withdrawn").count() == 1


def test_the_announcement_list_is_paged_in_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    client.force_login(personas.staff)
    client.get(reverse("notices-announcements"))
    for i in range(60):
        services.publish_announcement(data={"title": f"A{i}", "body": "B"}, actor=personas.staff)
    # session, user with their person, count, page with publisher and withdrawer
    with django_assert_num_queries(4):
        page = client.get(reverse("notices-announcements") + "?page=2").content.decode()
    assert "Page 2 of 2" in page


ROWS = [
    (who, url, 200 if who == "staff" else 404)
    for url in ["/backoffice/announcements/", "/backoffice/announcements/{id}/withdraw/",
                "/announcements/new/", "/notices/new/"]
    for who in ("alice", "erin", "frank", "staff")
]  # fmt: skip


@pytest.mark.parametrize("who, url, expected", ROWS)
def test_permission_matrix(client, personas, announcement, who, url, expected):
    client.force_login(getattr(personas, who))
    assert client.get(url.format(id=announcement.pk)).status_code == expected

import pytest
from django.urls import reverse

from core.errors import Forbidden, Invalid
from notices import services
from notices.models import Announcement

pytestmark = pytest.mark.django_db


def test_staff_publish_an_announcement_that_everyone_sees_on_news(client, personas):
    services.publish_announcement(
        data={"title": "Portal maintenance", "body": "Saturday 02:00–04:00."},
        actor=personas.staff,
    )
    for user in (personas.alice, personas.erin, personas.frank):
        client.force_login(user)
        assert "Portal maintenance" in client.get(reverse("news")).content.decode()


def test_an_announcement_body_is_shown_as_text_not_html(client, personas):
    services.publish_announcement(
        data={"title": "T", "body": "<script>alert('x')</script>"}, actor=personas.staff
    )
    client.force_login(personas.alice)
    body = client.get(reverse("news")).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_only_staff_publish(personas):
    with pytest.raises(Forbidden):
        services.publish_announcement(data={"title": "T", "body": "B"}, actor=personas.alice)
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("data", [{"title": "", "body": "B"}, {"title": "T\x00", "body": "B"}])
def test_bad_announcements_are_refused_and_nothing_published(personas, data):
    with pytest.raises(Invalid):
        services.publish_announcement(data=data, actor=personas.staff)
    assert not Announcement.objects.exists()


def test_the_publish_page_publishes_and_says_so(client, personas):
    client.force_login(personas.staff)
    response = client.post(
        reverse("notices-publish-announcement"), {"title": "Hello", "body": "All"}, follow=True
    )
    assert "is on everyone&#x27;s News" in response.content.decode()

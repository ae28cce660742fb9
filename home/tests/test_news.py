import pytest
from django.urls import reverse

from registry import services
from registry.tests.helpers import role

pytestmark = pytest.mark.django_db


def test_news_is_the_first_page_after_sign_in(client, personas):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "Market-Demo-2026"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("news")
    assert "<h1>News</h1>" in response.content.decode()


def test_news_shows_my_organizations_activity_in_sentences_newest_first(client, personas):
    services.add_contact(
        personas.northwind, personas.person("erin"), role("primary_contact"), actor=personas.bob
    )
    client.force_login(personas.alice)
    body = client.get(reverse("news")).content.decode()
    assert (
        f"Bob Chen registered Erin Walsh ({personas.person('erin').person_id}) "
        "as Primary Contact of Northwind" in body
    )
    assert body.index("Bob Chen registered Erin Walsh") < body.index(
        f"Alice Martin ({personas.person('alice').person_id})"
    )


def test_news_does_not_show_another_organizations_activity(client, personas):
    services.add_contact(
        personas.lakeshore, personas.person("grace"), role("primary_contact"), actor=personas.frank
    )
    client.force_login(personas.alice)
    body = client.get(reverse("news")).content.decode()
    assert "Lakeshore" not in body and "Grace Kim" not in body


def test_news_does_not_show_refusals(client, personas):
    with pytest.raises(Exception):
        services.remove_contact(
            personas.northwind,
            personas.person("alice"),
            role("primary_contact"),
            actor=personas.bob,
        )
    client.force_login(personas.alice)
    assert "refused" not in client.get(reverse("news")).content.decode()


def test_news_is_paged_newer_and_older_without_counting(client, personas):
    client.force_login(personas.alice)
    for name in ["erin", "ivan"] * 15:
        org, person = personas.northwind, personas.person(name)
        services.add_contact(org, person, role("settlement_contact"), actor=personas.alice)
        services.remove_contact(org, person, role("settlement_contact"), actor=personas.alice)
    first = client.get(reverse("news"))
    body = first.content.decode()
    assert 'aria-label="News pages"' in body and ">Older</a>" in body and ">Newer</a>" not in body
    assert "Page 1 of" not in body  # no count of every entry
    older = client.get(reverse("news"), {"older": first.context["page"]["older"]})
    assert older.status_code == 200 and ">Newer</a>" in older.content.decode()
    seen = {e.pk for e in first.context["page"]["entries"]}
    assert not seen & {e.pk for e in older.context["page"]["entries"]}
    back = client.get(reverse("news"), {"newer": older.context["page"]["newer"]})
    assert [e.pk for e in back.context["page"]["entries"]] == [
        e.pk for e in first.context["page"]["entries"]
    ]
    for bad in ["abc", "1-", "-1", "99999999999999999-1", "1" * 40 + "-1"]:
        assert client.get(reverse("news"), {"older": bad}).status_code == 200
        assert client.get(reverse("news"), {"newer": bad}).status_code == 200

"""By Person links every member, and every member found by the search, to their roles page
(the template builds those addresses from the page's own, once per page)."""

import pytest
from django.urls import reverse

from core.testing import DEMO

pytestmark = pytest.mark.django_db

ORG = DEMO.northwind.org_id


def test_each_member_links_to_their_roles_page(client, personas):
    client.force_login(personas.alice)
    body = client.get(reverse("registry-by-person", args=[ORG])).content.decode()
    alice = personas.person("alice").person_id
    assert f'href="{reverse("registry-person-roles", args=[ORG, alice])}"' in body


def test_a_member_found_by_the_search_links_to_their_roles_page(client, personas):
    client.force_login(personas.alice)
    erin = personas.person("erin")
    url = reverse("registry-by-person", args=[ORG])
    body = client.get(url, {"q": erin.last_name}).content.decode()
    link = f'<a href="{reverse("registry-person-roles", args=[ORG, erin.person_id])}">See roles'
    assert link in body

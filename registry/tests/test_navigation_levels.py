"""Navigation: Manage Access on Actions for whoever may manage access (by the rule the access
services require), By Person / By Role straight from the organization's page, breadcrumbs
that name every level without looping for single-organization persons, and sign-in offering
Register an Organization."""

import re

import pytest

from core.testing import DEMO

pytestmark = pytest.mark.django_db

CRUMB = re.compile(r'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>(.*?)</ol></nav>', re.S)


def crumbs(body: str) -> list[tuple[str, str | None]]:
    """The breadcrumb trail as (label, href or None for the current page)."""
    trail = CRUMB.search(body).group(1)
    items = re.findall(r"<li>(.*?)</li>", trail, re.S)
    out = []
    for item in items:
        link = re.search(r'<a href="([^"]+)">(.*?)</a>', item)
        if link:
            out.append((link.group(2), link.group(1)))
        else:
            out.append((re.sub(r"<[^>]+>", "", item).strip(), None))
    return out


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("dave", [f"/organizations/{DEMO.northwind.org_id}/access/"]),
        ("frank", [f"/organizations/{DEMO.lakeshore.org_id}/access/"]),
        (
            "ivan",
            [f"/organizations/{DEMO.lakeshore.org_id}/access/"],
        ),  # RA of Lakeshore only, not of Northwind
        ("alice", []),
        ("erin", []),
    ],
)
def test_actions_offer_manage_access_to_whoever_may_manage_it(client, personas, persona, expected):
    client.force_login(getattr(personas, persona))
    body = client.get("/actions/").content.decode()
    assert re.findall(r'href="(/organizations/\d+/access/)"', body) == expected
    for url in expected:  # and the page it offers lets them act
        assert "Pick a person to grant or revoke their access" in client.get(url).content.decode()


def test_the_organization_page_offers_by_person_and_by_role_directly(client, personas):
    client.force_login(personas.alice)
    body = client.get(f"/organizations/{personas.northwind.org_id}/").content.decode()
    assert f'href="/organizations/{personas.northwind.org_id}/contacts/by-person/"' in body
    assert f'href="/organizations/{personas.northwind.org_id}/contacts/by-role/"' in body


def test_a_single_organization_persons_trail_names_every_level_without_looping(client, personas):
    client.force_login(personas.alice)
    body = client.get(
        f"/organizations/{personas.northwind.org_id}/contacts/by-role/rights_administrator/"
    ).content
    assert crumbs(body.decode()) == [
        ("Actions", "/actions/"),
        ("Northwind Power Corp.", f"/organizations/{personas.northwind.org_id}/"),
        ("By Role", f"/organizations/{personas.northwind.org_id}/contacts/by-role/"),
        ("Rights Administrator", None),
    ]
    person = personas.person("erin").person_id
    body = client.get(
        f"/organizations/{personas.northwind.org_id}/contacts/by-person/{person}/"
    ).content.decode()
    assert crumbs(body) == [
        ("Actions", "/actions/"),
        ("Northwind Power Corp.", f"/organizations/{personas.northwind.org_id}/"),
        ("By Person", f"/organizations/{personas.northwind.org_id}/contacts/by-person/"),
        ("Erin Walsh", None),
    ]
    # The organization's own page is the current crumb, not a link to itself.
    assert crumbs(client.get(f"/organizations/{personas.northwind.org_id}/").content.decode())[
        -1
    ] == (
        "Northwind Power Corp.",
        None,
    )


def test_a_person_of_two_organizations_keeps_the_choice_in_the_trail(client, personas):
    client.force_login(personas.ivan)
    body = client.get(
        f"/organizations/{personas.lakeshore.org_id}/contacts/by-role/"
    ).content.decode()
    assert crumbs(body) == [
        ("Actions", "/actions/"),
        ("Update Organization", "/organizations/"),
        ("Lakeshore Energy Inc.", f"/organizations/{personas.lakeshore.org_id}/"),
        ("By Role", None),
    ]


def test_every_trail_link_answers_and_none_points_at_its_own_page(client, personas):
    client.force_login(personas.alice)
    pages = [
        f"/organizations/{personas.northwind.org_id}/",
        f"/organizations/{personas.northwind.org_id}/contacts/",
        f"/organizations/{personas.northwind.org_id}/contacts/by-role/",
        f"/organizations/{personas.northwind.org_id}/contacts/by-role/primary_contact/",
        f"/organizations/{personas.northwind.org_id}/contacts/by-person/",
    ]
    for url in pages:
        trail = crumbs(client.get(url).content.decode())
        assert trail[-1][1] is None, (url, trail)
        for _label, href in trail[:-1]:
            assert href != url
            response = client.get(href)
            assert response.status_code == 200, (url, href)  # no bounce back


def test_sign_in_offers_register_an_organization(client):
    body = client.get("/login/").content.decode()
    assert 'href="/register-organization/">Register an Organization</a>' in body

"""Query budgets: every list page answers in a number of queries that does not grow with the
data. Each page and list endpoint is counted on the demo data (grown past one News page), then
again after the organization, its role holders, its News, its audit log and the persons
matching a search have grown past a page; the counts must be equal.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import DEMO
from registry import services
from registry.models import Person
from registry.tests.helpers import role

pytestmark = pytest.mark.django_db

ORG = DEMO.northwind.org_id
PAGES = {
    "news": "/news/",
    "by_role_holders": f"/organizations/{ORG}/contacts/by-role/primary_contact/",
    "by_person": f"/organizations/{ORG}/contacts/by-person/",
    "search_page": f"/organizations/{ORG}/contacts/by-role/primary_contact/?q=Grow",
    "search_page_email": f"/organizations/{ORG}/contacts/by-person/?q=grow7@budget.example",
    "search_api": "/api/v1/persons?q=Grow",
    "by_role": f"/organizations/{ORG}/contacts/by-role/",
    "person_roles": f"/organizations/{ORG}/contacts/by-person/{DEMO.person('alice').person_id}/",
    "by_person_page_2": f"/organizations/{ORG}/contacts/by-person/?page=2",
    "contacts_api": f"/api/v1/organizations/{ORG}/contacts",
    "contacts_api_one_role": f"/api/v1/organizations/{ORG}/contacts?role=primary_contact",
    "members_api": f"/api/v1/organizations/{ORG}/members",
    "audit_api": f"/api/v1/organizations/{ORG}/audit",
    "news_api": "/api/v1/news",
    "news_older": "/news/?older=",  # + the first page's "Older" cursor
    "news_newer": "/news/?newer=",  # + the second page's "Newer" cursor
}


def _url(client, page: str) -> str:
    url = PAGES[page]
    if page in ("news_older", "news_newer"):
        older = client.get("/news/").context["page"]["older"]
        if page == "news_newer":
            return url + client.get(f"/news/?older={older}").context["page"]["newer"]
        return url + older
    return url


def _queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, role catalogue)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def _grow(personas, *, start: int, count: int) -> None:
    """More members, more Primary Contacts, more News and more persons named like the search."""
    org = personas.northwind
    for i in range(start, start + count):
        person = Person.objects.create(
            person_id=800000 + i,
            first_name=f"Grow{i}",
            last_name="Budget",
            email=f"grow{i}@budget.example",
            phone="+14165550100",
        )
        services.add_member(org, person, actor=personas.staff)
        services.add_contact(org, person, role("primary_contact"), actor=personas.staff)
        services.add_contact(org, person, role("settlement_contact"), actor=personas.staff)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_list_page_queries_do_not_grow_with_the_data(client, personas, page):
    client.force_login(personas.alice)
    _grow(personas, start=0, count=10)  # past one News page (25)
    small = _queries(client, _url(client, page))
    _grow(personas, start=10, count=45)  # past a search page (20), a By Person or API page (50)
    large = _queries(client, _url(client, page))
    assert large == small, f"{page}: {small} queries with little data, {large} with more"

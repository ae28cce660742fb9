import pytest
from django.urls import reverse

from core.testing import DEMO
from registry import services as registry_services
from registry.models import Person
from systems import services
from systems.queries import HOLDERS_SHOWN, MEMBERS_PAGE_SIZE
from systems.tests.helpers import system

pytestmark = pytest.mark.django_db

URL = reverse("systems-manage-access", args=[DEMO.northwind.org_id])


def _grant_everyone(personas):
    for name in ["alice", "bob", "carol", "erin", "ivan"]:
        for code in ["mpi", "metering"]:
            services.grant_access(
                personas.northwind, personas.person(name), system(code), actor=personas.dave
            )


def test_the_organization_page_shows_manage_access_only_to_those_who_grant(client, personas):
    url = reverse("registry-organization", args=[personas.northwind.org_id])
    client.force_login(personas.dave)
    assert "Manage Access" in client.get(url).content.decode()
    client.force_login(personas.alice)
    assert "Manage Access" not in client.get(url).content.decode()


def _add_members_with_grants(personas, count: int, *, code: str = "mpi") -> None:
    """`count` more members of Northwind, named to sort after everyone else, each granted
    `code`."""
    for i in range(count):
        person = Person.objects.create(
            person_id=810000 + i,
            first_name=f"Pager{i:03d}",
            last_name="Zyzzyva",
            email=f"pager{i}@access.example",
            phone="+14165550100",
        )
        registry_services.add_member(personas.northwind, person, actor=personas.staff)
        services.grant_access(personas.northwind, person, system(code), actor=personas.staff)


# session, the user with their person (header), organization (access), roles (can_grant_access),
# open access reviews, the machine accounts with their system and owner, whether the person
# chooses among organizations (the breadcrumbs), then the view's own queries:
# by person: member count, the page of members, the page's grants with their system;
# by system: catalogue, the first holders of each system (with each system's count);
# one system: the system, its holder count, the page of holders with their person.
@pytest.mark.parametrize(
    "view, expected",
    [("", 10), ("?page=2", 10), ("?view=system", 9), ("?view=system&system=mpi", 10)],
)
def test_the_list_runs_a_fixed_number_of_queries(
    client, personas, view, expected, django_assert_num_queries
):
    client.force_login(personas.dave)
    url = URL + view
    _grant_everyone(personas)
    client.get(url)  # warm the session and the user's role cache paths
    with django_assert_num_queries(expected):
        client.get(url)
    _add_members_with_grants(personas, MEMBERS_PAGE_SIZE + 10)  # two pages, 50+ holders
    with django_assert_num_queries(expected):
        page = client.get(url)
    assert "Market Participant Interface" in page.content.decode()


def test_page_two_shows_the_later_members(client, personas):
    _add_members_with_grants(personas, MEMBERS_PAGE_SIZE + 10)
    client.force_login(personas.dave)
    first = client.get(URL).content.decode()
    assert "Pager059 Zyzzyva" not in first
    assert 'href="?page=2" rel="next"' in first
    assert 'aria-label="Pages of people"' in first
    second = client.get(URL + "?page=2").content.decode()
    assert "Pager059 Zyzzyva" in second
    assert "Market Participant Interface (read)" in second  # the person's grants
    assert 'href="?page=1" rel="prev"' in second
    assert "Alice" not in second.split("<tbody>")[1].split("</tbody>")[0]


@pytest.mark.parametrize("page", ["999", "-1", "last", "two", ""])
def test_a_page_out_of_range_or_not_a_number_answers_a_page_as_by_person_does(
    client, personas, page
):
    _add_members_with_grants(personas, MEMBERS_PAGE_SIZE + 10)
    client.force_login(personas.dave)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    # Django's get_page, as By Person: a number past either end is the last page, anything
    # not a number the first.
    expected = 2 if page in ("999", "-1") else 1
    assert response.context["members"].number == expected


def test_by_system_shows_the_first_holders_and_links_to_the_rest(client, personas):
    _add_members_with_grants(personas, HOLDERS_SHOWN + 5)
    client.force_login(personas.dave)
    page = client.get(URL + "?view=system").content.decode()
    mpi = page.split('id="system-mpi"')[1].split("</section>")[0]
    assert mpi.count("<tr>") == 1 + HOLDERS_SHOWN  # the header row and the first holders
    assert "Pager000 Zyzzyva" in mpi and "Pager054 Zyzzyva" not in mpi
    assert "and 5 more." in mpi
    more = f"{URL}?view=system&amp;system=mpi"
    assert f'<a href="{more}">See all {HOLDERS_SHOWN + 5} people with access to' in mpi
    listing = client.get(URL, {"view": "system", "system": "mpi", "page": "2"})
    assert listing.context["holders"].number == 2
    rest = listing.content.decode()
    assert "Pager054 Zyzzyva" in rest and "Pager000 Zyzzyva" not in rest
    assert 'aria-label="Pages of people with access to Market Participant Interface"' in rest
    assert "?view=system&amp;system=mpi&amp;page=1" in rest
    assert 'id="system-metering"' not in rest  # only the system asked for


def test_by_system_with_few_holders_has_no_more_link(client, personas):
    _grant_everyone(personas)
    client.force_login(personas.dave)
    page = client.get(URL + "?view=system").content.decode()
    assert " more." not in page and "See all" not in page


def test_an_unknown_system_listing_is_not_found(client, personas):
    client.force_login(personas.dave)
    assert client.get(URL, {"view": "system", "system": "nope"}).status_code == 404


def test_the_person_search_finds_a_member_and_links_to_their_access(client, personas):
    client.force_login(personas.dave)
    page = client.get(URL, {"q": "Erin"}).content.decode()
    erin = personas.person("erin")
    assert 'role="search"' in page
    assert (
        reverse("systems-person-access", args=[personas.northwind.org_id, erin.person_id]) in page
    )
    assert "See access" in page


def test_a_person_sees_their_own_access_on_manage_my_information(client, personas):
    services.grant_access(
        personas.northwind, personas.person("erin"), system("metering"), actor=personas.dave
    )
    client.force_login(personas.erin)
    page = client.get(reverse("me")).content.decode()
    assert (
        "My access to the operator&#x27;s systems" in page or "My access to the operator's" in page
    )
    assert "Metering Data: read" in page


def test_another_organizations_access_list_is_not_found(client, personas):
    client.force_login(personas.dave)
    assert (
        client.get(reverse("systems-manage-access", args=[personas.lakeshore.org_id])).status_code
        == 404
    )


def test_a_rights_administrator_is_pointed_to_an_open_access_review(client, personas):
    from systems.tests.helpers import grant, start_review

    grant(personas, "erin", "metering")
    review = start_review(
        personas, organizations=f"{personas.northwind.org_id}", name="Autumn review"
    ).reviews.get()
    url = reverse("systems-manage-access", args=[personas.northwind.org_id])
    client.force_login(personas.dave)
    page = client.get(url).content.decode()
    assert "Access review under way: Autumn review." in page
    assert reverse("tasks-detail", args=[review.task_id]) in page
    client.force_login(personas.erin)  # a member who does not decide reviews
    assert "Access review under way" not in client.get(url).content.decode()

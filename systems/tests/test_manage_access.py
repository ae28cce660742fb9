import pytest
from django.urls import reverse

from systems import services
from systems.tests.helpers import system

pytestmark = pytest.mark.django_db


def _grant_everyone(personas):
    for name in ["alice", "bob", "carol", "erin", "ivan"]:
        for code in ["mpi", "metering"]:
            services.grant_access(
                personas.northwind, personas.person(name), system(code), actor=personas.dave
            )


def test_the_organization_page_shows_manage_access_only_to_those_who_grant(client, personas):
    url = reverse("registry-organization", args=[100001])
    client.force_login(personas.dave)
    assert "Manage Access" in client.get(url).content.decode()
    client.force_login(personas.alice)
    assert "Manage Access" not in client.get(url).content.decode()


@pytest.mark.parametrize("view", ["", "?view=system"])
def test_the_list_runs_a_fixed_number_of_queries(client, personas, view, django_assert_num_queries):
    client.force_login(personas.dave)
    url = reverse("systems-manage-access", args=[100001]) + view
    client.get(url)  # warm the session and the user's role cache paths
    # session, user, person (header), organization (access), roles (can_grant_access),
    # open access reviews, members or catalogue, grants with person and system.
    with django_assert_num_queries(8) as before:
        client.get(url)
    _grant_everyone(personas)
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get(url)
    assert "Market Participant Interface" in page.content.decode()


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
    assert client.get(reverse("systems-manage-access", args=[100002])).status_code == 404


def test_a_rights_administrator_is_pointed_to_an_open_access_review(client, personas):
    from systems.tests.helpers import grant, start_review

    grant(personas, "erin", "metering")
    review = start_review(personas, organizations="100001", name="Autumn review").reviews.get()
    url = reverse("systems-manage-access", args=[100001])
    client.force_login(personas.dave)
    page = client.get(url).content.decode()
    assert "Access review under way: Autumn review." in page
    assert reverse("tasks-detail", args=[review.task_id]) in page
    client.force_login(personas.erin)  # a member who does not decide reviews
    assert "Access review under way" not in client.get(url).content.decode()

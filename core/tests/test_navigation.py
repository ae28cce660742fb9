import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("persona", "shown"), [("staff", True), ("alice", False)])
def test_only_operator_staff_see_the_back_office_and_publishing_links(
    client, personas, persona, shown
):
    client.force_login(getattr(personas, persona))
    body = client.get("/news/").content.decode()
    assert ('href="/backoffice/"' in body) is shown
    assert 'href="/admin/"' not in body  # the raw admin is out of everyone's navigation
    assert ("Publish an announcement" in body) is shown


def test_every_page_names_customer_relations_in_the_footer(client, personas):
    client.force_login(personas.erin)
    for url in ["/news/", "/actions/", "/tasks/", "/me/"]:
        body = client.get(url).content.decode()
        assert "1.888.448.7777" in body and "customer.relations@ieso.ca" in body

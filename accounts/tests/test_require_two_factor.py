"""An Authorized Representative can require a second factor of all the organization's
people; from their next sign-in they set one up before anything else."""

import pytest

from accounts import services
from accounts.models import OrganizationSecurity
from accounts.tests.helpers import PASSWORD, last_audit, sign_in
from core.errors import Forbidden
from core.testing import DEMO

pytestmark = pytest.mark.django_db
PAGE = f"/organizations/{DEMO.northwind.org_id}/security/"


def test_an_authorized_representative_requires_it_on_the_page(client, personas):
    client.force_login(personas.bob)
    response = client.post(PAGE, {"require_two_factor": "yes"}, follow=True)
    assert b"now requires a second factor" in response.content
    assert OrganizationSecurity.objects.get(organization=personas.northwind).require_two_factor
    entry = last_audit()
    assert (entry.action, entry.org_id) == (
        "organization.two_factor_required",
        personas.northwind.org_id,
    )


@pytest.mark.parametrize("name", ["alice", "carol", "erin", "frank"])
def test_other_people_cannot_change_it(personas, name):
    with pytest.raises(Forbidden):
        services.set_two_factor_requirement(
            personas.northwind, required=True, actor=getattr(personas, name)
        )
    assert not OrganizationSecurity.objects.filter(require_two_factor=True).exists()


def test_members_read_the_setting_and_outsiders_get_not_found(client, personas):
    client.force_login(personas.erin)
    page = client.get(PAGE)
    assert b"is optional" in page.content and b'type="radio"' not in page.content
    client.force_login(personas.frank)
    assert client.get(PAGE).status_code == 404


def test_people_without_a_second_factor_must_set_one_up_at_their_next_sign_in(client, personas):
    services.set_two_factor_requirement(personas.northwind, required=True, actor=personas.bob)
    sign_in(client, "erin", PASSWORD)
    response = client.get("/news/")
    assert response.status_code == 302 and response.url == "/account/two-factor/"
    assert client.get("/account/two-factor/").status_code == 200
    other = client.__class__()
    sign_in(other, "frank", PASSWORD)
    assert other.get("/news/").status_code == 200, "another organization is not affected"

"""Issue 22, finding 13: account names equal after the sign-in form's folding (Unicode NFKC,
case, surrounding spaces) are one name, so a look-alike of a taken name is taken."""

import pytest
from django.test import Client

from accounts.models import User
from accounts.tests.helpers import sign_in
from accounts.tests.test_accept_invitation import PASSWORD, invited, setup_data  # noqa: F401
from accounts.usernames import normalize_username

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["ａｌｉｃｅ", "ＡＬＩＣＥ", " Alice "])
def test_a_look_alike_of_a_taken_name_is_taken(client, invited, name):  # noqa: F811
    person, path = invited
    client.get(path)
    response = client.post("/invitation/", setup_data(username=name))
    assert response.status_code == 200
    assert "This account name is taken" in response.content.decode()
    person.refresh_from_db()
    assert person.user_id is None
    assert User.objects.filter(username="alice").count() == 1


def test_a_fullwidth_name_is_stored_folded_and_signs_in_either_way(client, invited):  # noqa: F811
    person, path = invited
    client.get(path)
    client.post("/invitation/", setup_data(username="ｎａｄｉａ"))
    person.refresh_from_db()
    assert person.user.username == "nadia"
    for typed in ("nadia", "ｎａｄｉａ", " NADIA "):
        other = Client()
        assert sign_in(other, typed, PASSWORD).status_code == 302, typed


def test_the_one_folding_is_nfkc_trimmed_and_lower_case():
    assert normalize_username(" ＡＬＩＣＥ ") == "alice"
    assert normalize_username("ﬁona") == "fiona"
    assert normalize_username(None) == ""

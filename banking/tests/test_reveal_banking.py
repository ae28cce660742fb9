import pytest
from django.urls import reverse

from audit.models import AuditEntry
from banking import services
from banking.tests.helpers import sign_in_recently
from core.errors import Forbidden

pytestmark = pytest.mark.django_db


def test_an_ibc_reveals_the_full_numbers_and_the_reveal_is_audited(personas):
    numbers = services.reveal_banking(personas.northwind, actor=personas.carol)
    assert (numbers["institution"], numbers["transit"], numbers["account"]) == (
        "001",
        "00011",
        "1234567",
    )
    entry = AuditEntry.objects.filter(action="banking.revealed").get()
    assert (entry.org_id, entry.details) == (personas.northwind.org_id, {"account": "****4567"})


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_primary_contacts_and_representatives_see_only_the_masked_numbers(personas, user):
    with pytest.raises(Forbidden):
        services.reveal_banking(personas.northwind, actor=getattr(personas, user))


def test_the_reveal_page_is_a_post_and_never_cached(client, personas):
    sign_in_recently(client, personas.carol)
    url = reverse("banking-reveal", args=[personas.northwind.org_id])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert "1234567" in response.content.decode()
    assert "no-store" in response["Cache-Control"]

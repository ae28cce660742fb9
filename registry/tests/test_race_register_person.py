"""Two organizations register the same new person at the same instant (their organization
locks do not serialize them): one succeeds, the other is told the person exists; never a
crash, never two persons."""

import pytest

from core.testing import race
from registry import services
from registry.models import Person

ROUNDS = 10


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_person_registered_twice_at_once_exists_once(live_personas):
    p = live_personas
    for n in range(ROUNDS):
        email = f"twin{n}@northwind.example"

        def register(actor, org, n=n, email=email):
            data = {
                "first_name": "Tess",
                "last_name": f"Twin{n}",
                "email": email,
                "phone": "4165550100",
            }
            return lambda: services.register_person(org, data=data, actor=actor)

        outcome = race(register(p.alice, p.northwind), register(p.frank, p.lakeshore))
        assert outcome == ["done", "duplicate_person"]
        assert Person.objects.filter(email=email).count() == 1

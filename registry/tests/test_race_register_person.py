"""Two organizations register the same new person at the same instant (their organization
locks do not serialize them): one succeeds, the other is told the person exists; never a
crash, never two persons."""

import threading

import pytest
from django.db import connection

from core.errors import DomainError
from registry import services
from registry.models import Person

ROUNDS = 10


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_person_registered_twice_at_once_exists_once(live_personas):
    p = live_personas
    for n in range(ROUNDS):
        email = f"twin{n}@northwind.example"
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def register(actor, org):
            try:
                barrier.wait()
                services.register_person(
                    org,
                    data={
                        "first_name": "Tess",
                        "last_name": f"Twin{n}",
                        "email": email,
                        "phone": "4165550100",
                    },
                    actor=actor,
                )
                outcomes.append("registered")
            except DomainError as exc:
                outcomes.append(exc.code)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=register, args=args)
            for args in ((p.alice, p.northwind), (p.frank, p.lakeshore))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["duplicate_person", "registered"]
        assert Person.objects.filter(email=email).count() == 1

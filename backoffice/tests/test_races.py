"""Back-office invariants under real concurrency (PostgreSQL, one connection per thread)."""

import pytest

from backoffice import services
from backoffice.models import OrganizationApplication
from backoffice.tests.helpers import submit
from core.testing import race
from registry.models import Organization, Person, RoleAssignment

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_staff_approving_one_application_at_once_register_it_once(live_personas):
    from accounts.models import User

    other = User.objects.create_user("olga", email="olga@operator.example", is_staff=True)
    for n in range(10):
        application = submit(
            ip=f"192.0.2.{n}",
            **{"submitter-email": f"s{n}@example.com", "org-legal_name": f"Race Power {n}"},
        )
        results = race(
            *[
                lambda: services.approve_application(application, actor=live_personas.staff),
                lambda: services.approve_application(application, actor=other),
            ]
        )
        assert results[0] in {"already_decided", "task_taken"} and results[1] == "done"
        assert Organization.objects.filter(legal_name=f"Race Power {n}").count() == 1
    assert Person.objects.filter(email__iexact="ada@sunridge.example").count() == 1


def test_two_applications_naming_one_new_person_approved_at_once_share_that_person(
    live_personas,
):
    for n in range(10):
        email = f"shared{n}@example.com"
        first = submit(
            ip=f"192.0.2.{n}",
            **{
                "submitter-email": f"a{n}@example.com",
                "ar-email": email,
                "org-legal_name": f"A{n}",
            },
        )
        second = submit(
            ip=f"198.51.100.{n}",
            **{
                "submitter-email": f"b{n}@example.com",
                "ar-email": email,
                "org-legal_name": f"B{n}",
                "pc-email": f"pc-b{n}@example.com",
                "ra-email": f"ra-b{n}@example.com",
            },
        )
        results = race(
            *[
                lambda a=first: services.approve_application(a, actor=live_personas.staff),
                lambda b=second: services.approve_application(b, actor=live_personas.staff),
            ]
        )
        assert results == ["done", "done"]
        assert Person.objects.filter(email__iexact=email).count() == 1
        assert (
            RoleAssignment.objects.filter(
                membership__person__email=email, role_type__code="authorized_representative"
            ).count()
            == 2
        )


def test_concurrent_applications_from_one_address_never_exceed_the_limit(live_personas, settings):
    settings.APPLICATIONS_PER_ADDRESS_PER_HOUR = 3
    results = race(
        *[
            lambda n=n: submit(ip="203.0.113.50", **{"submitter-email": f"r{n}@example.com"})
            for n in range(8)
        ]
    )
    assert results.count("done") == 3 and results.count("rate_limited") == 5
    assert OrganizationApplication.objects.filter(submitted_ip="203.0.113.50").count() == 3

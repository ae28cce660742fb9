import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from systems import services
from systems.models import AccessGrant
from systems.queries import check_access
from systems.tests.helpers import last_audit, system

pytestmark = pytest.mark.django_db


def _grant_until(personas, day):
    return services.grant_access(
        personas.northwind,
        personas.person("erin"),
        system("metering"),
        expires=day,
        actor=personas.dave,
    )


def test_an_expired_grant_stops_counting_at_once_before_any_sweep(personas):
    today = timezone.localdate()
    _grant_until(personas, today)
    ask = dict(
        org_id=personas.northwind.org_id,
        person_id=personas.person("erin").person_id,
        system="metering",
    )
    assert check_access(**ask, today=today).allowed
    assert not check_access(**ask, today=today + datetime.timedelta(days=1)).allowed


def test_the_sweep_deletes_only_expired_grants_and_audits_each(personas, mailoutbox):
    today = timezone.localdate()
    _grant_until(personas, today)
    kept = services.grant_access(
        personas.northwind, personas.person("carol"), system("mpi"), actor=personas.dave
    )
    assert services.expire_grants(today=today) == 0
    assert services.expire_grants(today=today + datetime.timedelta(days=1)) == 1
    assert list(AccessGrant.objects.all()) == [kept]
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.target_id) == (
        "access.expired",
        "done",
        f"{personas.person('erin').person_id}",
    )


def test_the_sweep_command_reports_what_it_did(personas, capsys):
    call_command("sweep_expired_access")
    assert "0 expired access grant(s) removed." in capsys.readouterr().out

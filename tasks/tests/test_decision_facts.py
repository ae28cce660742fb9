"""Issue 15 point 6: a task page shows what is decided, what it replaces, who asked and why,
and what each button does."""

import re

import pytest
from django.urls import reverse

from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from systems import services as systems_services
from systems.models import InformationSystem
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_banking_approval_shows_what_is_in_force_beside_what_changes(personas, client):
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    client.force_login(personas.bob)
    page = _text(client.get(reverse("tasks-detail", args=[task.pk])).content.decode())
    assert "In force now Proposed Change" in page
    assert f"Bank First Canadian Bank {NEW['bank_name']} Changed" in page
    assert f"Account ****4567 ****{NEW['account_number'][-4:]} Changed" in page
    assert "1234567" not in page  # masked as everywhere
    assert "Asked by Carol Singh" in page
    assert "Approve: the proposed details replace the ones in force at once; Carol Singh" in page
    assert "Reject: the details in force stay as they are; Carol Singh" in page


def test_an_access_request_names_the_system_and_the_access_held_now(personas, client):
    metering = InformationSystem.objects.get(code="metering")
    systems_services.request_access(
        personas.northwind,
        metering,
        level=None,
        reason="Monthly reconciliation",
        actor=personas.erin,
    )
    task = Task.objects.get(kind="access_request")
    client.force_login(personas.dave)
    page = _text(client.get(reverse("tasks-detail", args=[task.pk])).content.decode())
    assert "System Metering Data" in page and "System metering" not in page
    assert "Access now None: Erin cannot use Metering Data" in page
    assert "Reason given Monthly reconciliation" in page
    assert "Asked by Erin Walsh" in page
    assert "Approve: Erin Walsh gets this access at once" in page


def test_the_decide_page_says_only_what_its_own_button_does(personas, client):
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    client.force_login(personas.bob)
    page = _text(client.get(reverse("tasks-reject", args=[task.pk])).content.decode())
    assert "Reject: the details in force stay as they are" in page
    assert "Approve: the proposed" not in page

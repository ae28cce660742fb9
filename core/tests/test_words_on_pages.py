"""Issue 15 point 5: the words people read on pages (articles, required comments, tasks named
by their subject, names ending with a full stop)."""

import re

import pytest
from django.urls import reverse

from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from registry import services as registry_services
from registry.models import RoleType
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _label(html: str, field_id: str) -> str:
    match = re.search(rf'<label for="{field_id}">(.*?)</label>', html, re.S)
    assert match, f"no label for {field_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def _banking_task(personas) -> Task:
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    return Task.objects.get(kind="banking_change", subject_id=change.pk)


def test_the_coverage_warning_offers_an_authorized_representative(personas, client):
    client.force_login(personas.bob)  # an Authorized Representative may register another
    page = client.get(
        reverse("registry-organization", args=[personas.northwind.org_id])
    ).content.decode()
    assert "Register an Authorized Representative" in page
    assert "Register a Authorized" not in page


def test_a_rejection_asks_for_a_reason_without_calling_it_optional(personas, client):
    task = _banking_task(personas)
    client.force_login(personas.bob)
    page = client.get(reverse("tasks-reject", args=[task.pk])).content.decode()
    assert _label(page, "id_comment") == "Reason for rejecting"
    assert f"task {task.pk}" not in page.lower()
    assert "Reject: New banking information for Northwind" in page  # named by its subject


def test_an_approval_comment_is_optional(personas, client):
    task = _banking_task(personas)
    client.force_login(personas.bob)
    page = client.get(reverse("tasks-approve", args=[task.pk])).content.decode()
    assert _label(page, "id_comment") == "Comment (optional)"


def test_messages_after_a_task_step_name_the_task_not_its_number(personas, client):
    task = _banking_task(personas)
    client.force_login(personas.bob)
    page = client.post(reverse("tasks-accept", args=[task.pk]), follow=True).content.decode()
    assert f"task {task.pk}" not in page.lower()
    assert "You accepted “" in page


def test_the_current_password_is_not_called_optional(personas, client):
    client.force_login(personas.alice)
    page = client.get(reverse("change-password")).content.decode()
    assert _label(page, "id_current_password") == "Your current password"


def test_news_ends_a_sentence_on_northwind_power_corp_with_one_full_stop(personas, client):
    banking = RoleType.objects.get(code="invoicing_banking_contact")
    registry_services.add_contact(
        personas.northwind, personas.person("erin"), banking, actor=personas.alice
    )
    client.force_login(personas.alice)
    page = client.get(reverse("news")).content.decode()
    assert re.search(r"Erin Walsh \(\d+\) as [^<]+ of Northwind Power Corp\.</span>", page), page
    assert "Corp.." not in page

import pytest

from banking.models import BankingChange
from banking.tests.helpers import NEW, stored_letter
from registry.tests.api_helpers import as_persona, call
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _with_letter(personas, user="carol") -> dict:
    return {**NEW, "document_id": stored_letter(personas.northwind, getattr(personas, user))}


def test_submit_is_202_with_the_change_and_its_task(personas):
    response = call(
        as_persona(personas, "carol"),
        "POST",
        f"/organizations/{personas.northwind.org_id}/banking-changes",
        _with_letter(personas),
    )
    assert response.status_code == 202, response.content
    body = response.json()
    change = BankingChange.objects.get(pk=body["change_id"])
    assert Task.objects.get(pk=body["task_id"]).subject_id == change.pk


def test_get_banking_is_masked_with_the_pending_change(personas):
    carol = as_persona(personas, "carol")
    task_id = call(
        carol,
        "POST",
        f"/organizations/{personas.northwind.org_id}/banking-changes",
        _with_letter(personas),
    ).json()["task_id"]
    response = call(
        as_persona(personas, "alice"), "GET", f"/organizations/{personas.northwind.org_id}/banking"
    )
    body = response.json()
    assert body["current"]["account"] == "****4567"
    assert body["pending"]["account"] == "****4321"
    assert body["pending"]["task_id"] == task_id
    assert "1234567" not in response.content.decode()
    assert "7654321" not in response.content.decode()
    assert "00011" not in response.content.decode()


@pytest.mark.parametrize(("user", "status"), [("erin", 403), ("dave", 403), ("frank", 404)])
def test_outside_the_banking_group_banking_is_refused(personas, user, status):
    response = call(
        as_persona(personas, user), "GET", f"/organizations/{personas.northwind.org_id}/banking"
    )
    assert response.status_code == status
    assert "****" not in response.content.decode()


@pytest.mark.parametrize(("user", "status"), [("alice", 403), ("bob", 403), ("frank", 404)])
def test_only_the_ibc_submits(personas, user, status):
    response = call(
        as_persona(personas, user),
        "POST",
        f"/organizations/{personas.northwind.org_id}/banking-changes",
        _with_letter(personas),
    )
    assert response.status_code == status
    assert not BankingChange.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("institution_number", "12"), ("account_number", "١٢٣٤٥٦٧"), ("transit_number", "0002 ")],
)
def test_bad_input_is_422_with_field_errors_and_no_task(personas, field, value):
    response = call(
        as_persona(personas, "carol"),
        "POST",
        f"/organizations/{personas.northwind.org_id}/banking-changes",
        {**_with_letter(personas), field: value},
    )
    assert response.status_code == 422
    assert field in response.json()["fields"]
    assert not Task.objects.filter(kind="banking_change").exists()

import pytest
from django.urls import reverse

from banking import crypto, services
from banking.models import BankingChange, BankingInformation
from banking.tests.helpers import NEW, letter, sign_in_recently
from core.errors import Forbidden, Invalid
from tasks.models import Task
from tasks.services import task_recipients

pytestmark = pytest.mark.django_db


def test_an_ibc_submits_a_change_that_is_pending_and_not_applied(personas):
    change = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    assert (change.state, change.version, change.masked_account) == ("pending", 1, "****4321")
    info = BankingInformation.objects.get(organization=personas.northwind)
    assert crypto.decrypt(personas.northwind.org_id, info.numbers)["account"] == "1234567"


def test_the_task_goes_to_the_banking_group_and_not_to_the_submitter(personas):
    change = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    assert {u.username for u in task_recipients(task)} == {"alice", "bob", "carol"}
    assert task.excluded_user == personas.carol
    assert not task.to_staff
    assert "****4321" in task.summary and "7654321" not in task.summary


def test_with_no_other_eligible_contact_the_task_goes_to_operator_staff(personas):
    from registry import services as registry_services
    from registry.models import RoleType

    # Lakeshore's banking group is Grace (AR and IBC) and Frank (PC): with Ivan as the other
    # Primary Contact and Frank gone from the role, only Ivan could decide; remove him too
    # and nobody but the submitter is left.
    pc = RoleType.objects.get(code="primary_contact")
    registry_services.add_contact(
        personas.lakeshore, personas.person("grace"), pc, actor=personas.frank
    )
    registry_services.remove_contact(
        personas.lakeshore, personas.person("frank"), pc, actor=personas.grace
    )
    change = services.submit_banking_change(
        personas.lakeshore, data=NEW, file=letter(), actor=personas.grace
    )
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    assert task.to_staff
    assert {u.username for u in task_recipients(task)} == {"grace", "staff"}


def test_primary_contacts_are_e_mailed_with_the_account_masked(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_banking_change(
            personas.northwind, data=NEW, file=letter(), actor=personas.carol
        )
    subjects = {m.subject: m for m in mailoutbox}
    notice = subjects["Banking information change submitted for Northwind Power Corp."]
    assert notice.to == ["alice@northwind.example"]
    assert "****4321" in notice.body
    for message in mailoutbox:
        assert "7654321" not in message.body and "00022" not in message.body
        assert "carol@northwind.example" not in message.to


@pytest.mark.parametrize("user", ["alice", "bob", "dave", "erin", "staff"])
def test_only_an_invoicing_and_banking_contact_can_submit(personas, user):
    with pytest.raises(Forbidden):
        services.submit_banking_change(
            personas.northwind, data=NEW, file=letter(), actor=getattr(personas, user)
        )
    assert not BankingChange.objects.exists()


SEPARATED = [
    ("institution_number", " 001", "001"),
    ("transit_number", "00022 ", "00022"),
    ("transit_number", "000-22", "00022"),
    ("account_number", "1234 5678 90", "1234567890"),
    ("account_number", "1234-5678-90", "1234567890"),
    ("account_number", "1234\u00a05678", "12345678"),  # a no-break space, copied from a statement
]


@pytest.mark.parametrize(("field", "typed", "digits"), SEPARATED)
def test_spaces_and_hyphens_between_digits_are_removed(personas, field, typed, digits):
    change = services.submit_banking_change(
        personas.northwind, data={**NEW, field: typed}, file=letter(), actor=personas.carol
    )
    assert services.validated({**NEW, field: typed})[field] == digits
    assert change.pk is not None


def test_the_page_accepts_an_account_number_typed_with_spaces(client, personas):
    sign_in_recently(client, personas.carol)
    url = reverse("banking-organization", args=[personas.northwind.org_id])
    response = client.post(
        url, {**NEW, "account_number": "1234 5678 90", "document": letter()}, follow=True
    )
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()
    assert BankingChange.objects.filter(organization__org_id=personas.northwind.org_id).count() == 1


BAD = [
    ("institution_number", "01"),
    ("institution_number", "0001"),
    ("institution_number", "0a1"),
    ("transit_number", "0001"),
    ("transit_number", "00022\t"),
    ("transit_number", "000 2"),
    ("account_number", "1234"),
    ("account_number", "1" * 40),
    ("account_number", "12345a7"),
    ("account_number", "١٢٣٤٥٦٧"),  # Arabic-Indic digits
    ("account_number", "123\x004567"),
    ("account_number", "1234567\n"),
    ("bank_name", ""),
    ("bank_name", "Bank\x00"),
    ("currency", "EUR"),
]


@pytest.mark.parametrize(("field", "value"), BAD)
def test_bad_banking_input_is_refused_with_a_field_error_and_nothing_saved(personas, field, value):
    with pytest.raises(Invalid) as exc:
        services.submit_banking_change(
            personas.northwind, data={**NEW, field: value}, file=letter(), actor=personas.carol
        )
    assert field in exc.value.fields
    assert not BankingChange.objects.exists()
    assert not Task.objects.filter(kind="banking_change").exists()


def test_the_page_shows_every_bad_field_and_saves_nothing(client, personas):
    sign_in_recently(client, personas.carol)
    url = reverse("banking-organization", args=[personas.northwind.org_id])
    data = {**NEW, "institution_number": "1", "transit_number": "x", "account_number": "٣"}
    response = client.post(url, data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Enter the institution number as 3 digits" in body
    assert "Enter the transit number as 5 digits" in body
    assert "Enter the account number as 5 to 12 digits" in body
    assert not BankingChange.objects.exists()


def test_the_page_submits_and_says_it_is_not_yet_in_force(client, personas):
    sign_in_recently(client, personas.carol)
    url = reverse("banking-organization", args=[personas.northwind.org_id])
    response = client.post(url, {**NEW, "document": letter()}, follow=True)
    body = response.content.decode()
    assert "has been submitted. It is not in force until another contact" in body
    assert "****4321" in body and "7654321" not in body
    assert BankingChange.objects.get().state == "pending"


def test_a_stale_sign_in_is_asked_to_confirm_the_password_first(client, personas):
    from core.reauth import AUTHENTICATED_AT

    client.force_login(personas.carol)
    session = client.session
    session[AUTHENTICATED_AT] = 0  # signed in long ago
    session.save()
    response = client.post(
        reverse("banking-organization", args=[personas.northwind.org_id]),
        {**NEW, "document": letter()},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reauthenticate"))
    assert not BankingChange.objects.exists()


def test_banking_pages_are_never_cached(client, personas):
    sign_in_recently(client, personas.carol)
    response = client.get(reverse("banking-organization", args=[personas.northwind.org_id]))
    assert "no-store" in response["Cache-Control"]
    assert "****4567" in response.content.decode()
    assert "1234567" not in response.content.decode()


def test_another_organizations_banking_page_is_404(client, personas):
    sign_in_recently(client, personas.frank)
    assert (
        client.get(reverse("banking-organization", args=[personas.northwind.org_id])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("banking-organization", args=[personas.northwind.org_id]),
            {**NEW, "document": letter()},
        ).status_code
        == 404
    )
    assert not BankingChange.objects.exists()


def test_a_member_outside_the_banking_group_is_refused_the_page(client, personas):
    sign_in_recently(client, personas.erin)
    assert (
        client.get(reverse("banking-organization", args=[personas.northwind.org_id])).status_code
        == 403
    )
    sign_in_recently(client, personas.dave)
    assert (
        client.get(reverse("banking-organization", args=[personas.northwind.org_id])).status_code
        == 403
    )


def test_the_actions_page_offers_update_banking_information_to_ibcs_only(client, personas):
    client.force_login(personas.carol)
    assert "Update Banking Information" in client.get(reverse("actions")).content.decode()
    client.force_login(personas.erin)
    assert "Update Banking Information" not in client.get(reverse("actions")).content.decode()

"""By Section (issue 18): a shared point of contact of an organization, with a shared e-mail
confirmed from a link sent to it, holding only roles that receive communications. It receives
the notices of its roles, never tasks, never signs in, and shows wherever its roles' holders
are listed."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from notices import services as notices
from registry import queries, services
from registry.models import EmailChange, Section
from registry.rules import section_may_hold
from registry.tests.api_helpers import as_persona, call
from registry.tests.helpers import last_audit, role

pytestmark = pytest.mark.django_db

DESK = "Settlements Desk"
NEW = {"name": "Control Room", "email": "control@northwind.example", "phone": "416 555 0160"}


def _create(personas, actor=None, capture=None, **changes):
    data = {**NEW, "roles": ["emergency_preparedness_contact"], **changes}
    actor = actor or personas.alice
    if capture is None:
        return services.create_section(personas.northwind, data=data, actor=actor)
    with capture(execute=True):
        return services.create_section(personas.northwind, data=data, actor=actor)


def _link_path(address: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return re.search(r"https?://[^/\s]+(/sections/confirm/\S+/)", message.body).group(1)


def _desk(personas) -> Section:
    return Section.objects.get(organization=personas.northwind, name=DESK)


# --- The catalogue ------------------------------------------------------------------------


def test_only_roles_that_receive_communications_may_be_held_by_a_section(personas):
    holdable = {r.code for r in queries.role_types() if section_may_hold(r)}
    assert holdable == {
        "settlement_contact",
        "metering_contact",
        "emergency_preparedness_contact",
    }


def test_a_mandatory_or_rule_named_role_cannot_be_marked_communications_only(personas):
    for code in ["primary_contact", "invoicing_banking_contact"]:
        with pytest.raises(Invalid) as exc:
            services.save_role_type(
                role(code),
                data={"communications_only": True},
                managed_by=list(role(code).managed_by.all()),
                actor=personas.staff,
            )
        assert "communications_only" in exc.value.fields
    assert not role("primary_contact").communications_only


def test_a_role_sections_hold_stays_communications_only(personas):
    settlement = role("settlement_contact")
    with pytest.raises(RuleViolation) as exc:
        services.save_role_type(
            settlement,
            data={"communications_only": False},
            managed_by=list(settlement.managed_by.all()),
            actor=personas.staff,
        )
    assert "Sections hold Settlement Contact" in exc.value.message


# --- Registering a section ----------------------------------------------------------------


def test_a_primary_contact_registers_a_section_and_a_link_goes_to_its_address(
    personas, django_capture_on_commit_callbacks
):
    section = _create(personas, capture=django_capture_on_commit_callbacks)
    assert (section.name, section.email, section.phone) == (
        "Control Room",
        "control@northwind.example",
        "+14165550160",
    )
    assert not section.email_confirmed
    assert [r.code for r in section.roles.all()] == ["emergency_preparedness_contact"]
    (message,) = [m for m in mail.outbox if m.to == ["control@northwind.example"]]
    assert "no sign-in needed" in message.body and "Control Room" in message.body
    assert EmailChange.objects.get(section=section).new_email == section.email
    actions = [e.action for e in last_audit().__class__.objects.order_by("-id")[:2]]
    assert actions == ["section.email_change_requested", "section.created"]


def test_an_authorized_representative_and_staff_may_register_sections(personas):
    _create(personas, actor=personas.bob)
    _create(personas, actor=personas.staff, name="Metering Team")
    assert Section.objects.filter(organization=personas.northwind).count() == 3


@pytest.mark.parametrize("account", ["carol", "dave", "erin"])
def test_other_members_may_not_register_a_section(personas, account):
    with pytest.raises(Forbidden) as exc:
        _create(personas, actor=getattr(personas, account))
    assert "Only a Primary Contact or an Authorized Representative" in exc.value.message
    assert not Section.objects.filter(name="Control Room").exists()
    entry = last_audit()
    assert (entry.action, entry.outcome) == ("section.create", "refused")


@pytest.mark.parametrize(
    "code", ["primary_contact", "rights_administrator", "invoicing_banking_contact"]
)
def test_a_section_never_holds_a_role_that_decides(personas, code):
    with pytest.raises(RuleViolation) as exc:
        _create(personas, roles=[code])
    assert "decides nothing" in exc.value.fields["roles"][0]
    assert not Section.objects.filter(name="Control Room").exists()


def test_a_section_name_is_unique_in_its_organization(personas):
    with pytest.raises(RuleViolation) as exc:
        _create(personas, name="settlements desk")
    assert "already has a section called" in exc.value.fields["name"][0]


def test_a_bad_telephone_or_email_is_refused(personas):
    with pytest.raises(Invalid) as exc:
        _create(personas, phone="12", email="not an address")
    assert set(exc.value.fields) == {"phone", "email"}


# --- Its shared e-mail, confirmed from the link -------------------------------------------


def test_the_link_confirms_the_address_once_without_signing_in(
    client, personas, django_capture_on_commit_callbacks
):
    section = _create(personas, capture=django_capture_on_commit_callbacks)
    path = _link_path(section.email)
    shown = client.get(path)
    assert shown.status_code == 200
    assert "Confirm control@northwind.example" in shown.content.decode()
    assert not Section.objects.get(pk=section.pk).email_confirmed  # opening changes nothing
    done = client.post(path)
    assert "Address confirmed" in done.content.decode()
    assert Section.objects.get(pk=section.pk).email_confirmed
    entry = last_audit()
    assert (entry.action, entry.actor_label) == ("section.email_confirmed", "anonymous")
    assert client.get(path).status_code == 404  # single use
    assert client.post(path).status_code == 404


def test_an_expired_link_confirms_nothing(client, personas, django_capture_on_commit_callbacks):
    section = _create(personas, capture=django_capture_on_commit_callbacks)
    path = _link_path(section.email)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(path).status_code == 404
        client.post(path)
        with pytest.raises(RuleViolation):
            services.confirm_section_email(path.split("/")[-2], actor=None)
    assert not Section.objects.get(pk=section.pk).email_confirmed


def test_a_persons_link_is_not_a_sections_and_the_other_way_round(personas):
    with pytest.raises(NotFound):
        services.confirm_section_email("not-a-token", actor=None)
    section = _create(personas)
    token = "x" * 20
    EmailChange.objects.filter(section=section).update(token_hash=services._token_hash(token))
    with pytest.raises(NotFound):
        services.confirm_email_change(token, actor=personas.alice)  # a section's link


def test_a_new_address_of_a_confirmed_section_waits_for_its_link(
    personas, django_capture_on_commit_callbacks
):
    desk = _desk(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_section(desk, data={"email": "desk@northwind.example"}, actor=personas.bob)
    desk.refresh_from_db()
    assert desk.email == "settlements@northwind.example" and desk.email_confirmed
    path = _link_path("desk@northwind.example")
    services.confirm_section_email(path.split("/")[-2], actor=None)
    desk.refresh_from_db()
    assert desk.email == "desk@northwind.example" and desk.email_confirmed


def test_a_section_is_changed_and_removed_by_its_managers_only(personas):
    desk = _desk(personas)
    with pytest.raises(Forbidden):
        services.update_section(desk, data={"name": "Desk"}, actor=personas.dave)
    with pytest.raises(Forbidden):
        services.delete_section(desk, actor=personas.carol)
    services.update_section(
        desk,
        data={"name": "Settlement Desk", "roles": ["settlement_contact", "metering_contact"]},
        actor=personas.alice,
    )
    desk = Section.objects.get(pk=desk.pk)
    assert desk.name == "Settlement Desk"
    assert {r.code for r in desk.roles.all()} == {"settlement_contact", "metering_contact"}
    assert last_audit().action == "section.updated"
    services.delete_section(desk, actor=personas.bob)
    assert not Section.objects.filter(pk=desk.pk).exists()
    assert last_audit().action == "section.deleted"


# --- What a section receives -------------------------------------------------------------


def _notice(personas, capture, code="settlement_contact", with_task=False):
    data = {
        "title": "Settlement statement ready",
        "body": "The preliminary statement is available.",
        "organization": str(personas.northwind.org_id),
        "roles": [code],
    }
    if with_task:
        data["with_task"] = "on"
    with capture(execute=True):
        return notices.issue_notice(data=data, actor=personas.staff)


def test_a_confirmed_section_receives_the_notices_of_its_roles(
    personas, django_capture_on_commit_callbacks
):
    _notice(personas, django_capture_on_commit_callbacks)
    assert any(m.to == ["settlements@northwind.example"] for m in mail.outbox)


def test_an_unconfirmed_section_receives_no_notice(personas, django_capture_on_commit_callbacks):
    _create(personas, roles=["metering_contact"])
    mail.outbox.clear()
    _notice(personas, django_capture_on_commit_callbacks, code="metering_contact")
    assert not any(m.to == ["control@northwind.example"] for m in mail.outbox)


def test_a_section_never_receives_a_task(personas, django_capture_on_commit_callbacks):
    from tasks.queries import task_recipients

    services.add_contact(
        personas.northwind,
        personas.person("erin"),
        role("settlement_contact"),
        actor=personas.alice,
    )
    mail.outbox.clear()
    _notice(personas, django_capture_on_commit_callbacks, with_task=True)
    task_mail = [m for m in mail.outbox if m.subject.startswith("New task")]
    assert task_mail and not any("settlements@" in m.to[0] for m in task_mail)
    from tasks.models import Task

    task = Task.objects.latest("id")
    assert "settlements@northwind.example" not in set(
        task_recipients(task).values_list("email", flat=True)
    )


def test_a_section_counts_toward_its_roles_and_shows_in_by_role(client, personas):
    assert "settlement_contact" in queries.covered_roles(personas.northwind)
    client.force_login(personas.erin)
    by_role = client.get(reverse("registry-by-role", args=[personas.northwind.org_id]))
    assert "0 and 1 section" in by_role.content.decode()
    holders = client.get(
        reverse("registry-role-holders", args=[personas.northwind.org_id, "settlement_contact"])
    ).content.decode()
    assert "Sections holding Settlement Contact" in holders and DESK in holders
    assert "Manage sections" not in holders  # Erin may not


# --- Pages --------------------------------------------------------------------------------


def test_the_by_section_page_lists_sections_and_offers_add_to_its_managers(client, personas):
    url = reverse("registry-by-section", args=[personas.northwind.org_id])
    client.force_login(personas.alice)
    html = client.get(url).content.decode()
    assert DESK in html and "settlements@northwind.example" in html and "Settlement Contact" in html
    assert "Add a section" in html
    client.force_login(personas.erin)
    html = client.get(url).content.decode()
    assert DESK in html and "Add a section" not in html
    assert "Only a Primary Contact or an Authorized Representative" in html
    update = client.get(reverse("registry-update-contacts", args=[personas.northwind.org_id]))
    assert "By Section" in update.content.decode()


def test_a_section_is_added_changed_and_removed_from_the_pages(
    client, personas, django_capture_on_commit_callbacks
):
    org = personas.northwind.org_id
    client.force_login(personas.alice)
    assert client.get(reverse("registry-add-section", args=[org])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registry-add-section", args=[org]),
            {**NEW, "roles": ["metering_contact", "settlement_contact"]},
            follow=True,
        )
    html = response.content.decode()
    assert "Control Room is now a section of Northwind Power Corp." in html
    assert "We sent a link to control@northwind.example" in html
    section = Section.objects.get(name="Control Room")
    url = reverse("registry-section", args=[org, section.pk])
    response = client.post(
        url, {**NEW, "name": "Control Room East", "roles": ["metering_contact"]}, follow=True
    )
    assert "Control Room East has been saved." in response.content.decode()
    bad = client.post(url, {**NEW, "roles": ["primary_contact"]})
    assert bad.status_code == 200 and "decides nothing" in bad.content.decode()
    remove = reverse("registry-remove-section", args=[org, section.pk])
    assert "Remove the section Control Room East?" in client.get(remove).content.decode()
    response = client.post(remove, follow=True)
    assert "Control Room East is no longer a section" in response.content.decode()
    assert not Section.objects.filter(pk=section.pk).exists()


def test_a_member_sees_a_section_but_is_offered_no_change(client, personas):
    client.force_login(personas.erin)
    desk = _desk(personas)
    url = reverse("registry-section", args=[personas.northwind.org_id, desk.pk])
    html = client.get(url).content.decode()
    assert "Save section" not in html and "Only a Primary Contact" in html
    client.post(url, {**NEW})
    assert Section.objects.get(pk=desk.pk).name == DESK
    add = client.get(reverse("registry-add-section", args=[personas.northwind.org_id]))
    assert add.status_code == 403


def test_another_organizations_section_is_not_found(client, personas):
    desk = _desk(personas)
    client.force_login(personas.frank)
    lakeshore = personas.lakeshore.org_id
    assert client.get(reverse("registry-section", args=[lakeshore, desk.pk])).status_code == 404
    northwind = personas.northwind.org_id
    assert client.get(reverse("registry-by-section", args=[northwind])).status_code == 404


# --- API ----------------------------------------------------------------------------------


def test_the_api_registers_reads_changes_and_removes_a_section(personas):
    alice = as_persona(personas, "alice")
    org = personas.northwind.org_id
    created = call(
        alice,
        "post",
        f"/organizations/{org}/sections",
        {**NEW, "roles": ["metering_contact"]},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "Control Room" and body["email_confirmed"] is False
    assert body["roles"] == ["metering_contact"] and body["phone"] == "+14165550160"
    one = f"/organizations/{org}/sections/{body['section_id']}"
    assert call(alice, "get", one).json() == body
    listed = call(as_persona(personas, "erin"), "get", f"/organizations/{org}/sections").json()
    assert [s["name"] for s in listed["items"]] == ["Control Room", DESK]
    changed = call(alice, "patch", one, {"name": "Control Room East"})
    assert changed.status_code == 200 and changed.json()["name"] == "Control Room East"
    assert call(as_persona(personas, "erin"), "delete", one).status_code == 403
    assert call(alice, "delete", one).status_code == 204
    assert call(alice, "get", one).status_code == 404


def test_the_api_refuses_a_role_that_decides_and_hides_other_organizations(personas):
    org = personas.northwind.org_id
    refused = call(
        as_persona(personas, "bob"),
        "post",
        f"/organizations/{org}/sections",
        {**NEW, "roles": ["rights_administrator"]},
    )
    assert refused.status_code == 409 and refused.json()["code"] == "section_role"
    assert "Rights Administrator is not one" in refused.json()["detail"]
    unknown = call(
        as_persona(personas, "bob"),
        "post",
        f"/organizations/{org}/sections",
        {**NEW, "roles": ["no_such_role"]},
    )
    assert unknown.status_code == 404 and "no_such_role" in unknown.json()["detail"]
    frank = as_persona(personas, "frank")
    assert call(frank, "get", f"/organizations/{org}/sections").status_code == 404
    desk = _desk(personas)
    lakeshore = personas.lakeshore.org_id
    assert call(frank, "get", f"/organizations/{lakeshore}/sections/{desk.pk}").status_code == 404


def test_the_contacts_api_and_the_organization_show_sections(personas):
    erin = as_persona(personas, "erin")
    org = personas.northwind.org_id
    desk = _desk(personas)
    items = call(erin, "get", f"/organizations/{org}/contacts").json()["items"]
    assert items[-1] == {
        "person_id": None,
        "section_id": desk.pk,
        "name": DESK,
        "role": "settlement_contact",
    }
    one_role = call(erin, "get", f"/organizations/{org}/contacts?role=settlement_contact").json()
    assert one_role["count"] == 1 and one_role["items"][0]["section_id"] == desk.pk
    # five persons' roles (Bob is also the Applicant Representative), then the desk
    paged = call(erin, "get", f"/organizations/{org}/contacts?limit=2&offset=5").json()
    assert [i["section_id"] for i in paged["items"]] == [desk.pk] and paged["count"] == 6
    detail = call(erin, "get", f"/organizations/{org}").json()
    (settlement,) = [c for c in detail["contacts"] if c["role"] == "settlement_contact"]
    assert settlement["sections"] == [{"section_id": desk.pk, "name": DESK}]


def test_the_sections_list_runs_a_fixed_number_of_queries(client, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.alice)
    url = reverse("registry-by-section", args=[personas.northwind.org_id])

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    for i in range(8):
        _create(personas, actor=personas.staff, name=f"Team {i}", email=f"team{i}@x.example")
    assert count() == small

import pytest
from django.urls import reverse

from core.errors import Forbidden, Invalid
from core.testing import DEMO
from notices import services
from notices.models import Notice
from tasks.models import Task

pytestmark = pytest.mark.django_db

TO_NORTHWIND_PCS = {
    "title": "Settlement calendar",
    "body": "The 2027 calendar is out.",
    "roles": ["primary_contact"],
    "organization": f"{DEMO.northwind.org_id}",
}


def names(notice) -> set[str]:
    return {p.user.username for p in services.notice_recipients(notice).select_related("user")}


def test_a_notice_to_one_organizations_group_reaches_exactly_its_holders(personas):
    notice = services.issue_notice(data=TO_NORTHWIND_PCS, actor=personas.staff)
    assert names(notice) == {"alice"}
    assert list(Notice.objects.addressed_to(personas.alice)) == [notice]
    for other in ("bob", "carol", "erin", "frank", "ivan"):
        assert not Notice.objects.addressed_to(getattr(personas, other)).exists()


def test_a_notice_to_every_organization_reaches_the_role_in_each(personas):
    data = {**TO_NORTHWIND_PCS, "roles": ["rights_administrator"], "organization": ""}
    notice = services.issue_notice(data=data, actor=personas.staff)
    assert names(notice) == {"dave", "frank", "ivan"}
    assert not Notice.objects.addressed_to(personas.alice).exists()


def test_every_member_of_the_group_is_e_mailed_separately(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    data = {**TO_NORTHWIND_PCS, "roles": ["primary_contact", "authorized_representative"]}
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_notice(data=data, actor=personas.staff)
    assert sorted(m.to for m in mailoutbox) == [
        ["alice@northwind.example"],
        ["bob@northwind.example"],
    ]
    assert mailoutbox[0].subject == "Notice: Settlement calendar"


def test_a_notice_with_a_task_raises_one_task_per_organization_for_its_group(personas):
    data = {**TO_NORTHWIND_PCS, "roles": ["primary_contact"], "organization": "", "with_task": "on"}
    notice = services.issue_notice(data=data, actor=personas.staff)
    tasks = Task.objects.filter(kind="notice", subject_id=notice.pk)
    assert {t.organization.org_id for t in tasks} == {
        personas.northwind.org_id,
        personas.lakeshore.org_id,
    }
    assert Task.objects.open_for(personas.frank).filter(kind="notice").count() == 1


def test_only_operator_staff_issue_notices(personas):
    with pytest.raises(Forbidden):
        services.issue_notice(data=TO_NORTHWIND_PCS, actor=personas.alice)
    assert not Notice.objects.exists()


def test_a_notice_without_roles_is_refused_with_a_field_error(personas):
    with pytest.raises(Invalid) as exc:
        services.issue_notice(data={**TO_NORTHWIND_PCS, "roles": []}, actor=personas.staff)
    assert "roles" in exc.value.fields
    assert not Notice.objects.exists()


def test_the_notice_shows_on_the_groups_news_as_text(client, personas):
    data = {**TO_NORTHWIND_PCS, "body": "<img src=x onerror=alert(1)>"}
    services.issue_notice(data=data, actor=personas.staff)
    client.force_login(personas.alice)
    body = client.get(reverse("news")).content.decode()
    assert "Settlement calendar" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "<img src=x" not in body
    client.force_login(personas.frank)
    assert "Settlement calendar" not in client.get(reverse("news")).content.decode()


def test_the_issue_page_is_for_staff_and_issues_the_notice(client, personas):
    client.force_login(personas.alice)
    assert client.get(reverse("notices-issue-notice")).status_code == 404  # like staff pages
    client.force_login(personas.staff)
    assert client.get(reverse("notices-issue-notice")).status_code == 200
    response = client.post(reverse("notices-issue-notice"), TO_NORTHWIND_PCS, follow=True)
    assert "has been sent to 1 people" in response.content.decode()


def test_the_issue_page_shows_field_errors(client, personas):
    client.force_login(personas.staff)
    response = client.post(reverse("notices-issue-notice"), {"title": "", "body": "x"})
    assert response.status_code == 422
    assert "There is a problem" in response.content.decode()

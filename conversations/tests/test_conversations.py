"""Conversations (issue 17): a private comment thread on every task and application, read by
the task's group (and its requester) or the organization, and operator staff; new comments
e-mail the others and appear on News; comments are plain text, escaped, audited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from conversations import services
from conversations.access import get_thread_for
from conversations.models import Comment
from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from home.queries import news_entries
from participation.models import Application
from registry.tests.api_helpers import as_persona, call
from systems import services as systems_services
from systems.models import InformationSystem
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def banking_task(personas):
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    return Task.objects.get(kind="banking_change", subject_id=change.pk)


@pytest.fixture
def access_task(personas):
    """Erin (a plain member) asks Northwind's Rights Administrator (Dave) for access."""
    request = systems_services.request_access(
        personas.northwind,
        InformationSystem.objects.get(code="settlements"),
        level=None,
        reason="Month-end settlement statements.",
        actor=personas.erin,
    )
    return Task.objects.get(kind="access_request", subject_id=request.pk)


def _comment(user, kind, subject, body):
    return services.add_comment(get_thread_for(user, kind, subject.pk), body=body, actor=user)


def test_a_comment_on_a_task_is_kept_audited_and_e_mailed_to_the_others(
    personas, banking_task, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = _comment(personas.bob, "task", banking_task, "Is this the new RBC account?")
    assert (comment.author_label, comment.body) == ("Bob Chen", "Is this the new RBC account?")
    entry = AuditEntry.objects.filter(action="comment.added").latest("id")
    assert entry.target_label.startswith(
        "Approve banking information change: New banking information for Northwind Power Corp."
    )
    assert entry.details["comment_id"] == comment.pk
    told = {address for message in mailoutbox for address in message.to}
    assert told == {"alice@northwind.example", "carol@northwind.example"}  # never the author
    message = mailoutbox[0]
    assert "Bob Chen wrote on Approve banking information change" in message.body
    assert "Is this the new RBC account?" in message.body
    assert f"/conversations/task/{banking_task.pk}/" in message.body


def test_the_task_page_shows_the_thread_escaped_and_the_form(client, personas, banking_task):
    _comment(personas.bob, "task", banking_task, "<script>alert(1)</script>\nSecond line")
    client.force_login(personas.alice)
    body = client.get(reverse("tasks-detail", args=[banking_task.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in body
    assert "<script>alert(1)" not in body
    assert 'id="conversation"' in body and "Add comment" in body


def test_posting_on_the_page_returns_to_the_task_with_a_message(client, personas, banking_task):
    client.force_login(personas.alice)
    detail = reverse("tasks-detail", args=[banking_task.pk])
    response = client.post(
        reverse("conversation", args=["task", banking_task.pk]),
        {"conversation-body": "Carol, please call me.", "next": detail + "#conversation"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == detail + "#conversation"
    assert "Your comment was added to" in response.content.decode()
    assert Comment.objects.get(thread_kind="task").body == "Carol, please call me."


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("   ", "Write your comment first."),
        ("Hello\x07there", "control characters"),
        ("!!!", "Write your comment in words."),
        ("x" * 4001, "Shorten your comment to 4,000 characters or fewer"),
    ],
)
def test_a_bad_comment_comes_back_with_its_text_and_one_error(
    client, personas, banking_task, text, says
):
    client.force_login(personas.alice)
    response = client.post(
        reverse("conversation", args=["task", banking_task.pk]), {"conversation-body": text}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert body.count(says) == 2  # the summary at the top, and under the field
    if text.strip() and "\x07" not in text:
        assert text[:50] in body  # nothing typed is lost
    assert not Comment.objects.filter(thread_kind="task").exists()


def test_a_plain_member_and_another_organization_cannot_read_a_banking_task_thread(
    client, personas, banking_task
):
    _comment(personas.bob, "task", banking_task, "Checked with the bank.")
    for user in ("erin", "frank"):
        with pytest.raises(NotFound):
            get_thread_for(getattr(personas, user), "task", banking_task.pk)
        client.force_login(getattr(personas, user))
        assert (
            client.get(reverse("conversation", args=["task", banking_task.pk])).status_code == 404
        )
        response = call(as_persona(personas, user), "GET", f"/tasks/{banking_task.pk}/comments")
        assert response.status_code == 404


def test_the_requester_outside_the_group_reads_and_answers_on_the_conversation_page(
    client, personas, access_task, mailoutbox, django_capture_on_commit_callbacks
):
    _comment(personas.dave, "task", access_task, "Which statements do you need?")
    client.force_login(personas.erin)
    page = reverse("conversation", args=["task", access_task.pk])
    assert "Which statements do you need?" in client.get(page).content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"conversation-body": "The monthly ones."})
    assert response.status_code == 302 and response["Location"] == page
    assert {a for m in mailoutbox for a in m.to} == {"dave@northwind.example"}
    # She finds it from My requests (the task's own page is the Rights Administrators'), and
    # the conversation page leads back there, not to itself.
    assert f'href="{page}"' in client.get(reverse("tasks-mine")).content.decode()
    body = client.get(page).content.decode()
    assert f'href="{reverse("tasks-mine")}">Back to My requests' in body


def test_a_decided_task_keeps_its_thread_and_takes_no_more(client, personas, access_task):
    _comment(personas.erin, "task", access_task, "Thank you.")
    task_services.reject_task(access_task, actor=personas.dave, comment="Not this month.")
    thread = get_thread_for(personas.dave, "task", access_task.pk)
    with pytest.raises(RuleViolation) as exc:
        services.add_comment(thread, body="One more thing", actor=personas.dave)
    assert exc.value.code == "thread_closed"
    client.force_login(personas.dave)
    body = client.get(reverse("tasks-detail", args=[access_task.pk])).content.decode()
    assert "Thank you." in body and "its conversation is closed" in body
    assert "Add comment" not in body
    response = call(
        as_persona(personas, "dave"),
        "POST",
        f"/tasks/{access_task.pk}/comments",
        {"body": "One more thing"},
    )
    assert (response.status_code, response.json()["code"]) == (409, "thread_closed")
    assert Comment.objects.filter(thread_kind="task").count() == 1
    refused = AuditEntry.objects.filter(action="comment.add", outcome="refused")
    assert [e.org_id for e in refused] == [personas.northwind.org_id] * 2  # service, then API


def test_the_task_api_lists_and_adds_comments(personas, banking_task):
    alice = as_persona(personas, "alice")
    response = call(alice, "POST", f"/tasks/{banking_task.pk}/comments", {"body": "Looks right."})
    assert response.status_code == 201
    assert response.json()["author"] == "Alice Martin"
    listed = call(alice, "GET", f"/tasks/{banking_task.pk}/comments").json()
    assert listed["can_comment"] is True and listed["closed_because"] is None
    assert [c["body"] for c in listed["comments"]] == ["Looks right."]
    bad = call(alice, "POST", f"/tasks/{banking_task.pk}/comments", {"body": "a\x00b"})
    assert bad.status_code == 422 and "body" in bad.json()["fields"]


def test_reading_a_thread_takes_the_same_queries_whatever_its_length(personas, banking_task):
    alice = as_persona(personas, "alice")
    path = f"/api/v1/tasks/{banking_task.pk}/comments"
    _comment(personas.bob, "task", banking_task, "One.")
    with CaptureQueriesContext(connection) as few:
        assert alice.get(path).status_code == 200
    for n in range(15):
        _comment(personas.bob, "task", banking_task, f"Comment {n}.")
    with CaptureQueriesContext(connection) as many:
        assert len(alice.get(path).json()["comments"]) == 16
    assert len(many) == len(few)


def test_news_shows_a_comment_only_to_those_who_read_its_thread(personas, banking_task):
    comment = _comment(personas.bob, "task", banking_task, "Checked.")

    def sees(user) -> bool:
        entries = news_entries(getattr(personas, user)).filter(action="comment.added")
        return entries.filter(target_id=str(comment.pk)).exists()

    assert sees("alice") and sees("carol") and sees("staff")
    assert not sees("erin") and not sees("frank")
    # The demo's comment on Lakeshore's application: every member of Lakeshore sees it.
    demo = AuditEntry.objects.filter(action="comment.added").earliest("id")
    assert news_entries(personas.frank).filter(pk=demo.pk).exists()
    assert not news_entries(personas.alice).filter(pk=demo.pk).exists()


# --- Applications: the organization's members read; its applicants and staff write ---


@pytest.fixture
def application(personas):
    return Application.objects.get(organization=personas.lakeshore)


def test_staff_and_the_applicants_converse_on_an_application(
    personas, application, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _comment(personas.staff, "application", application, "Please send the void cheque.")
    comment = Comment.objects.latest("id")
    assert comment.by_operator and comment.body == "Please send the void cheque."
    told = {a for m in mailoutbox for a in m.to}
    assert "grace@lakeshore.example" in told
    assert not any("staff" in address for address in told)  # the author is not told
    with django_capture_on_commit_callbacks(execute=True):
        _comment(personas.grace, "application", application, "Sent today.")
    assert Comment.objects.latest("id").body == "Sent today."


def test_a_member_who_is_not_an_applicant_reads_but_does_not_write(client, personas, application):
    _comment(personas.staff, "application", application, "Please send the void cheque.")
    member = personas.ivan  # a member of Lakeshore (its Rights Administrator), no applicant
    from participation.rules import apply_refusal

    assert apply_refusal(member, personas.lakeshore) is not None
    thread = get_thread_for(member, "application", application.pk)
    with pytest.raises(Forbidden):
        services.add_comment(thread, body="Me too", actor=member)
    client.force_login(member)
    url = reverse("participation-application", args=[personas.lakeshore.org_id, application.pk])
    body = client.get(url).content.decode()
    assert "Please send the void cheque." in body
    assert "you can read it" in body and "Add comment" not in body
    response = call(
        as_persona(personas, "ivan"),
        "POST",
        f"/organizations/{personas.lakeshore.org_id}/applications/{application.pk}/comments",
        {"body": "Me too"},
    )
    assert response.status_code == 403


def test_another_organization_cannot_see_an_application_thread(personas, application):
    with pytest.raises(NotFound):
        get_thread_for(personas.alice, "application", application.pk)
    response = call(
        as_persona(personas, "alice"),
        "GET",
        f"/organizations/{personas.lakeshore.org_id}/applications/{application.pk}/comments",
    )
    assert response.status_code == 404


def test_an_unknown_thread_kind_or_number_is_404(client, personas):
    client.force_login(personas.alice)
    assert client.get("/conversations/nothing/1/").status_code == 404
    assert client.get("/conversations/task/999999/").status_code == 404


def test_invalid_input_is_refused_before_anything_changes(personas, banking_task):
    thread = get_thread_for(personas.alice, "task", banking_task.pk)
    with pytest.raises(Invalid):
        services.add_comment(thread, body="", actor=personas.alice)
    assert not Comment.objects.filter(thread_kind="task").exists()
    assert not AuditEntry.objects.filter(action="comment.added", details__thread="task")


def test_the_demo_application_carries_the_operators_comment(client, personas, application):
    client.force_login(personas.grace)
    url = reverse("participation-application", args=[personas.lakeshore.org_id, application.pk])
    body = client.get(url).content.decode()
    assert "Once the account holder reads Lakeshore Energy Inc." in body
    assert "(operator staff)" in body


def test_my_requests_lists_the_applications_i_started(client, personas, application):
    client.force_login(personas.grace)
    body = client.get(reverse("tasks-mine")).content.decode()
    assert "Participation applications you started" in body
    assert f"Market Participant application {application.pk}" in body
    url = reverse("participation-application", args=[personas.lakeshore.org_id, application.pk])
    assert f'href="{url}"' in body
    client.force_login(personas.alice)  # started none
    assert "Participation applications you started" not in (
        client.get(reverse("tasks-mine")).content.decode()
    )

"""The shared form markup (templates/_field.html, templates/_form_errors.html, core/forms.py)
and the page frame (templates/base.html): what every form and page of the portal gets."""

import re

import pytest
from django.urls import reverse

from systems.models import AccessRequest
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def _summary(body: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', body, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


# --- 1. Nothing is chosen for the person where a choice is required ----------------------


def test_request_access_preselects_no_system(client, personas):
    client.force_login(personas.erin)
    body = client.get(reverse("systems-request-access")).content.decode()
    assert '<option value="" selected>Choose an information system</option>' in body
    assert re.search(r"<option value=\"\w+:\w+\" selected", body) is None


def test_sending_a_request_without_choosing_a_system_sends_nothing_and_says_what_to_choose(
    client, personas
):
    client.force_login(personas.erin)
    response = client.post(
        reverse("systems-request-access"), {"organization": f"{personas.northwind.org_id}"}
    )
    body = response.content.decode()
    assert "Choose an information system." in body
    assert not AccessRequest.objects.exists()


def test_someone_in_two_organizations_chooses_on_whose_behalf(client, personas):
    client.force_login(personas.ivan)
    url = reverse("systems-request-access")
    assert '<option value="" selected>Choose an organization</option>' in (
        client.get(url).content.decode()
    )
    body = client.post(url, {"access": "metering:read"}).content.decode()
    assert "Choose an organization." in body
    assert not AccessRequest.objects.exists()


def test_the_update_organization_radios_start_unchecked_and_say_what_to_choose(client, personas):
    client.force_login(personas.ivan)
    url = reverse("registry-choose-organization")
    body = client.get(url).content.decode()
    assert body.count('type="radio"') == 2 and "checked" not in body
    response = client.post(url, {})
    assert response.status_code == 200
    assert '<a href="#id_organization_0">Choose an organization.</a>' in _summary(
        response.content.decode()
    )


def test_the_grant_form_preselects_no_level_and_refuses_to_guess_one(client, personas):
    from systems.models import AccessGrant

    client.force_login(personas.dave)
    page = reverse(
        "systems-person-access", args=[personas.northwind.org_id, personas.person("erin").person_id]
    )
    body = client.get(page).content.decode()
    assert '<option value="">Choose a level</option>' in body
    response = client.post(
        reverse("systems-grant-access", args=[personas.northwind.org_id]),
        {"person_id": f"{personas.person('erin').person_id}", "system": "metering", "level": ""},
        follow=True,
    )
    assert "Choose an access level." in response.content.decode()
    assert not AccessGrant.objects.filter(
        person__person_id=personas.person("erin").person_id, system__code="metering"
    )


def test_a_banking_change_preselects_no_currency(client, personas):
    from banking.tests.helpers import NEW, sign_in_recently

    sign_in_recently(client, personas.carol)
    url = reverse("banking-organization", args=[personas.northwind.org_id])
    assert '<option value="" selected>Choose the account&#x27;s currency</option>' in (
        client.get(url).content.decode()
    )
    body = client.post(url, {**NEW, "currency": ""}).content.decode()
    assert "Choose the account&#x27;s currency." in body


# --- 2. Errors: a summary at the top that links to each field, the message by the field --


def test_an_error_is_summarised_once_as_a_link_and_shown_once_by_its_field(client, personas):
    client.force_login(personas.alice)
    response = client.post(reverse("me"), {"first_name": "", "last_name": "Martin"})
    body = response.content.decode()
    summary = _summary(body)
    assert '<a href="#id_first_name">Enter first name.</a>' in summary
    assert "First name" not in summary  # the summary does not repeat the label
    assert body.count("Enter first name.") == 2  # the summary's link, the field's message
    assert body.index('class="error-summary"') < body.index("<h1>")
    assert re.search(r"<title>Error: Manage My Information", body)


def test_the_error_summary_takes_the_focus_with_or_without_script(client, personas):
    client.force_login(personas.alice)
    body = client.post(reverse("me"), {"first_name": ""}).content.decode()
    assert 'tabindex="-1" autofocus' in _summary(body)
    assert '<script src="/static/js/error-summary.js" defer></script>' in body


def test_the_field_is_described_by_its_error_and_its_hint(client, personas):
    client.force_login(personas.erin)
    body = client.post(reverse("systems-request-access"), {}).content.decode()
    assert re.search(
        r'<select name="access"[^>]*aria-describedby="id_access_helptext id_access_error"', body
    )
    assert 'id="id_access_error"' in body


def test_the_reject_page_summarises_its_error_at_the_top(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    body = client.post(reverse("tasks-reject", args=[task.pk]), {"comment": ""}).content.decode()
    assert body.index('class="error-summary"') < body.index("<h1>")
    assert body.count('class="error-summary"') == 1


# --- 12. Messages: success, warning and error each look different and have a heading -----


def test_a_success_message_says_done_in_a_status(client, personas):
    client.force_login(personas.erin)
    response = client.post(
        reverse("systems-request-access"),
        {"organization": f"{personas.northwind.org_id}", "access": "metering:read"},
        follow=True,
    )
    body = response.content.decode()
    assert re.search(
        r'<div class="message message-success" role="status"><h2 class="message-title">Done</h2>'
        r"\s*<p>Your request for Metering Data",
        body,
    )


def test_an_error_message_is_an_alert_titled_there_is_a_problem(client, personas):
    client.force_login(personas.dave)
    response = client.post(
        reverse("systems-grant-access", args=[personas.northwind.org_id]),
        {"person_id": f"{personas.person('erin').person_id}", "system": "metering", "level": ""},
        follow=True,
    )
    assert re.search(
        r'<div class="message message-error" role="alert">'
        r'<h2 class="message-title">There is a problem</h2>',
        response.content.decode(),
    )


def test_a_warning_is_marked_important(rf, personas):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string

    request = rf.get("/news/")
    request.user = personas.alice
    html = render_to_string(
        "base.html", {"messages": [Message(constants.WARNING, "Check this.")]}, request=request
    )
    assert re.search(
        r'<div class="message message-warning" role="status">'
        r'<h2 class="message-title">Important</h2>\s*<p>Check this.</p>',
        html,
    )


# --- 14. Valid times, a favicon, a description --------------------------------------------


def test_times_carry_no_microseconds(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    for url in (reverse("tasks"), reverse("tasks-detail", args=[task.pk]), reverse("news")):
        body = client.get(url).content.decode()
        stamps = re.findall(r'<time datetime="([^"]*)"', body)
        assert stamps, url
        for stamp in stamps:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d([+-]\d\d:?\d\d|Z))?", stamp), (
                url,
                stamp,
            )


def test_the_favicon_is_found_and_every_page_names_it_and_describes_itself(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.ico"
    body = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/favicon.ico"' in body
    assert re.search(r'<meta name="description" content="[^"]{40,}">', body)


def test_after_a_failed_sign_in_only_the_error_summary_is_autofocused(client, personas):
    body = client.post(reverse("login"), {"username": "alice", "password": "wrong"}).content
    body = body.decode()
    assert body.count("autofocus") == 1
    assert 'tabindex="-1" autofocus' in _summary(body)

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apitokens import services
from apitokens.models import ApiToken, digest
from apitokens.tests.helpers import bearer, token_for
from audit.models import AuditEntry
from core.errors import Forbidden, Invalid

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_a_digest(personas):
    token, secret = services.create_api_token(
        personas.alice, data={"name": "Export"}, actor=personas.alice
    )
    assert secret.startswith("oreg_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == digest(secret)
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.outcome) == ("api_token.created", "done")
    assert secret not in str(entry.details) and secret not in entry.target_label


def test_the_owner_is_told_by_email_without_the_secret(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        secret = token_for(personas.alice, "Nightly")
    assert mail.outbox[-1].to == ["alice@northwind.example"]
    assert "Nightly" in mail.outbox[-1].body and secret not in mail.outbox[-1].body


def test_nobody_creates_a_token_for_someone_else(personas):
    with pytest.raises(Forbidden):
        services.create_api_token(personas.bob, data={"name": "x"}, actor=personas.alice)
    with pytest.raises(Forbidden):
        services.create_api_token(personas.bob, data={"name": "x"}, actor=personas.staff)
    assert not ApiToken.objects.filter(user=personas.bob).exists()


def test_a_token_needs_a_name_and_a_sane_expiry(personas):
    with pytest.raises(Invalid) as exc:
        services.create_api_token(
            personas.alice, data={"name": " \x00", "expires_in_days": "900"}, actor=personas.alice
        )
    assert set(exc.value.fields) == {"name", "expires_in_days"}
    assert not ApiToken.objects.exists()


def test_an_expiry_is_days_from_now(personas):
    token, _ = services.create_api_token(
        personas.alice, data={"name": "Short", "expires_in_days": 7}, actor=personas.alice
    )
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_the_api_answers_the_secret_once_and_lists_without_it(client, personas):
    client.force_login(personas.alice)
    created = client.post("/api/v1/me/api-tokens", {"name": "CI"}, content_type="application/json")
    assert created.status_code == 201
    secret = created.json()["token"]
    listed = client.get("/api/v1/me/api-tokens").json()
    assert listed["count"] == 1
    assert listed["items"][0]["name"] == "CI" and "token" not in listed["items"][0]
    assert secret not in str(listed)


def test_a_token_cannot_mint_more_tokens(personas):
    secret = token_for(personas.alice)
    response = Client().post(
        "/api/v1/me/api-tokens", {"name": "more"}, content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=personas.alice).count() == 1


def test_the_manage_my_information_page_creates_a_token_and_shows_it_once(client, personas):
    client.force_login(personas.alice)
    page = client.get("/me/")
    assert "API tokens" in page.content.decode() and "Create token" in page.content.decode()
    response = client.post("/me/api-tokens/", {"name": "Spreadsheet"})
    secret = ApiToken.objects.get(name="Spreadsheet")
    body = response.content.decode()
    assert response.status_code == 200 and "it will not be shown again" in body
    assert "oreg_" in body
    again = client.get("/me/").content.decode()
    assert "Spreadsheet" in again and secret.prefix in again
    assert body.split('id="api-token-secret">')[1].split("<")[0] not in again


def test_the_page_shows_what_is_wrong_with_the_form(client, personas):
    """A correction is a form error on a page of its own (summary and field, once each, the
    typed value kept), not a flash message above Manage My Information."""
    client.force_login(personas.alice)
    response = client.post("/me/api-tokens/", {"name": "", "expires_in_days": "400"})
    body = response.content.decode()
    assert response.status_code == 422 and "<h1>Create an API token</h1>" in body
    assert body.count("Give the token a name.") == 2  # the summary's link and the field's error
    assert 'value="400"' in body and "366" in body
    assert "<title>Error: Create an API token" in body
    assert not ApiToken.objects.exists()
    fixed = client.post("/me/api-tokens/", {"name": "Export", "expires_in_days": "30"})
    assert fixed.status_code == 200 and ApiToken.objects.filter(name="Export").exists()


def test_create_api_token_prints_the_token_alone_on_the_last_line(personas):
    out = io.StringIO()
    call_command("create_api_token", "ALICE", stdout=out)
    last = out.getvalue().strip().splitlines()[-1]
    assert last.startswith("oreg_") and " " not in last
    response = Client().get("/api/v1/me", **bearer(last))
    assert response.status_code == 200 and response.json()["account"] == "alice"


def test_staff_issue_a_service_token_from_the_command_line(personas):
    out = io.StringIO()
    call_command("create_api_token", "staff", "--service", "MPI gateway", stdout=out)
    token = ApiToken.objects.get(kind="service")
    assert token.user is None and token.name == "MPI gateway" and token.created_by == personas.staff


def test_only_staff_issue_service_tokens(personas):
    with pytest.raises(Forbidden):
        services.issue_service_token(data={"name": "x"}, actor=personas.alice)
    response = Client()
    response.force_login(personas.alice)
    answer = response.post("/api/v1/service-tokens", {"name": "x"}, content_type="application/json")
    assert answer.status_code == 403 and answer.json()["code"] == "forbidden"

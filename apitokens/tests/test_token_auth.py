from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from apitokens import services
from apitokens.models import ApiToken
from apitokens.tests.helpers import bearer, token_for

pytestmark = pytest.mark.django_db


def test_a_bearer_token_acts_as_its_owner(personas):
    response = Client().get("/api/v1/me", **bearer(token_for(personas.frank)))
    assert response.status_code == 200 and response.json()["account"] == "frank"


def test_using_a_token_notes_when_it_was_last_used(personas):
    secret = token_for(personas.alice)
    Client().get("/api/v1/me", **bearer(secret))
    assert ApiToken.objects.get(user=personas.alice).last_used_at is not None


def test_an_expired_token_is_refused(personas):
    secret = token_for(personas.alice)
    ApiToken.objects.filter(user=personas.alice).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = Client().get("/api/v1/me", **bearer(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_deactivated_accounts_token_is_refused(personas):
    secret = token_for(personas.alice)
    personas.alice.is_active = False
    personas.alice.save(update_fields=["is_active"])
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer nonsense", "Bearer oreg_" + "x" * 43, "Bearer ", "Basic abc"]
)
def test_a_wrong_token_is_401_with_the_error_shape(header):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "code"}


def test_a_service_token_is_not_a_person(personas):
    _, secret = services.issue_service_token(data={"name": "MPI"}, actor=personas.staff)
    response = Client().get("/api/v1/me", **bearer(secret))
    assert response.status_code == 403


def test_the_session_needs_the_csrf_token_for_writes(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.alice)
    assert client.get("/api/v1/me").status_code == 200
    response = client.patch("/api/v1/me", {"job_title": "CEO"}, content_type="application/json")
    assert response.status_code == 403
    personas.alice.person.refresh_from_db()
    assert personas.alice.person.job_title != "CEO"
    client.get("/me/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    response = client.patch(
        "/api/v1/me", {"job_title": "CEO"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 200 and response.json()["job_title"] == "CEO"


def test_a_bearer_token_needs_no_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        "/api/v1/me",
        {"job_title": "CEO"},
        content_type="application/json",
        **bearer(token_for(personas.alice)),
    )
    assert response.status_code == 200

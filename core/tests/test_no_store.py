"""Issue 22, finding 6: nothing a signed-in person is shown may be kept by a browser or a proxy
cache (banking, even masked; tasks about banking; News; a token's secret)."""

import pytest
from django.test import Client

from apitokens.tests.helpers import bearer, token_for
from banking import services as banking_services
from banking.tests.helpers import NEW, letter, sign_in_recently
from core.testing import DEMO
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _never_stored(response) -> None:
    assert response.status_code < 400, response.status_code
    assert "no-store" in response.get("Cache-Control", ""), response.get("Cache-Control")


@pytest.fixture
def banking_task(personas) -> Task:
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    return Task.objects.get(kind="banking_change", subject_id=change.pk)


@pytest.mark.parametrize(
    "url",
    [
        "/news/",
        "/tasks/",
        "/tasks/{task}/",
        "/actions/",
        "/me/",
        "/banking/",
        f"/organizations/{DEMO.northwind.org_id}/banking/",
    ],
)
def test_pages_for_a_signed_in_person_are_never_stored(client, personas, banking_task, url):
    client.force_login(personas.alice)
    _never_stored(client.get(url.format(task=banking_task.pk)))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/news",
        "/api/v1/tasks",
        "/api/v1/tasks/{task}",
        f"/api/v1/organizations/{DEMO.northwind.org_id}/banking",
        "/api/v1/me",
    ],
)
def test_api_answers_to_a_token_are_never_stored(personas, banking_task, url):
    response = Client().get(url.format(task=banking_task.pk), **bearer(token_for(personas.alice)))
    _never_stored(response)


def test_api_answers_to_the_browser_session_are_never_stored(client, personas):
    client.force_login(personas.alice)
    _never_stored(client.get(f"/api/v1/organizations/{personas.northwind.org_id}/banking"))


def test_the_answer_carrying_a_new_tokens_secret_is_never_stored(client, personas):
    sign_in_recently(client, personas.alice)
    response = client.post(
        "/api/v1/me/api-tokens", {"name": "laptop"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    _never_stored(response)


def test_public_pages_may_still_be_cached_by_the_browser(client):
    response = client.get("/.well-known/openid-configuration")
    assert "no-store" not in response.get("Cache-Control", "")

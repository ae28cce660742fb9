import pytest
from django.test import Client

from apitokens import services
from apitokens.models import ApiToken
from apitokens.tests.helpers import bearer, token_for
from core.errors import NotFound

pytestmark = pytest.mark.django_db


def test_a_revoked_token_stops_working_at_once(personas):
    secret = token_for(personas.alice)
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 200
    token = ApiToken.objects.get(user=personas.alice)
    services.revoke_api_token(token, actor=personas.alice)
    response = Client().get("/api/v1/me", **bearer(secret))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_api_revokes_my_token(client, personas):
    token_for(personas.alice)
    token = ApiToken.objects.get(user=personas.alice)
    client.force_login(personas.alice)
    assert client.delete(f"/api/v1/me/api-tokens/{token.pk}").status_code == 204
    token.refresh_from_db()
    assert token.status == "revoked"


def test_another_persons_token_is_invisible(client, personas):
    token_for(personas.frank)
    token = ApiToken.objects.get(user=personas.frank)
    client.force_login(personas.alice)
    response = client.delete(f"/api/v1/me/api-tokens/{token.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    token.refresh_from_db()
    assert token.revoked_at is None
    with pytest.raises(NotFound):
        from apitokens.access import get_token_for

        get_token_for(personas.alice, token.pk)


def test_staff_revoke_any_token(personas):
    token_for(personas.frank)
    token = ApiToken.objects.get(user=personas.frank)
    services.revoke_api_token(token, actor=personas.staff)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_revokes_my_token(client, personas):
    token_for(personas.alice, "Old script")
    token = ApiToken.objects.get(user=personas.alice)
    client.force_login(personas.alice)
    response = client.post(f"/me/api-tokens/{token.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.status == "revoked"

"""The API token pages and e-mail in Canadian French for a French-speaking person; a refusal
shown in French is audited in English."""

import html

import pytest
from django.core import mail

from apitokens import services
from apitokens.models import ApiToken
from audit.models import AuditEntry
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def _in_french(client, user):
    user.language = "fr"
    user.save(update_fields=["language"])
    client.force_login(user)
    return user


def _body(response) -> str:
    body = html.unescape(response.content.decode())
    assert '<html lang="fr-CA"' in body
    return body


def test_the_token_pages_answer_in_french(client, personas):
    _in_french(client, personas.alice)
    me = _body(client.get("/me/"))
    assert "Jetons d'API" in me and "Créer le jeton" in me and "Nom du jeton" in me
    form = _body(client.get("/me/api-tokens/"))
    assert "<title>Créer un jeton d'API" in form and "Gérer mes renseignements" in form
    created = _body(client.post("/me/api-tokens/", {"name": "Tableur"}))
    assert "<title>Jeton d'API créé" in created and "il ne sera plus affiché" in created
    token = ApiToken.objects.get(name="Tableur")
    revoke = _body(client.get(f"/me/api-tokens/{token.pk}/revoke/"))
    assert "<title>Révoquer le jeton d'API Tableur" in revoke
    assert "Révoquer le jeton" in revoke and "Le conserver" in revoke
    listed = _body(client.get("/me/"))
    assert "actif" in listed and "jamais" in listed


def test_a_form_error_is_in_french(client, personas):
    _in_french(client, personas.alice)
    body = _body(client.post("/me/api-tokens/", {"name": ""}))
    assert "Donnez un nom au jeton." in body and "<title>Erreur" in body


def test_a_refusal_reads_in_french_and_is_audited_in_english(personas):
    from django.utils import translation

    with pytest.raises(DomainError) as refused:
        services.create_api_token(personas.bob, data={"name": "x"}, actor=personas.alice)
    with translation.override("fr"):
        assert refused.value.message == (
            "Vous ne pouvez créer des jetons d'API que pour votre propre compte."
        )
    entry = AuditEntry.objects.filter(outcome="refused").latest("pk")
    assert entry.details["reason"] == "You can only create API tokens for your own account."


def test_the_new_token_e_mail_is_in_the_owners_language(
    personas, django_capture_on_commit_callbacks
):
    alice, bob = personas.alice, personas.bob
    alice.language = "fr"
    alice.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.create_api_token(alice, data={"name": "Tableur"}, actor=alice)
        services.create_api_token(bob, data={"name": "Sheet"}, actor=bob)
    [to_alice] = [m for m in mail.outbox if m.to == [alice.person.email]]
    assert to_alice.subject == "Un nouveau jeton d'API a été créé pour votre compte"
    assert "Gérer mes renseignements" in to_alice.body
    [to_bob] = [m for m in mail.outbox if m.to == [bob.person.email]]
    assert to_bob.subject == "A new API token was created for your account"


def test_a_refused_api_token_is_explained_in_the_callers_language(client):
    bad = {"HTTP_AUTHORIZATION": "Bearer oreg_" + "x" * 43}
    french = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="fr", **bad)
    assert french.status_code == 401
    assert french.json()["detail"] == "Ce jeton d'API n'est pas valide, a expiré ou a été révoqué."
    english = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en", **bad)
    assert english.json()["detail"] == "This API token is not valid, expired or revoked."

"""The shared pages and partials speak the visitor's language: not found, form errors."""

import pytest

pytestmark = pytest.mark.django_db
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr-CA,fr;q=0.9"}


def test_page_not_found_in_french(client):
    response = client.get("/no-such-page/", **FRENCH)
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr-CA">' in page
    assert "<title>Page introuvable ·" in page and "<h1>Cette page est introuvable</h1>" in page
    assert response["Content-Language"] == "fr"


def test_the_error_summary_and_field_errors_in_french(client):
    page = client.post("/password-reset/", {"username": ""}, **FRENCH).content.decode()
    assert '<h2 id="error-summary-title">Il y a un problème</h2>' in page
    assert '<span class="visually-hidden">Erreur\u00a0:</span>' in page
    assert "<title>Erreur\u00a0: Réinitialiser votre mot de passe ·" in page


def test_english_stays_the_default(client):
    page = client.get("/no-such-page/").content.decode()
    assert '<html lang="en">' in page and "<h1>Page not found</h1>" in page

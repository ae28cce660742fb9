"""The language switcher on every page: the cookie for everyone, the person's own choice kept
with their account (audited) and applied at every sign-in, on any browser."""

import pytest
from django.conf import settings
from django.test import Client

from accounts import services
from accounts.tests.helpers import PASSWORD, last_audit, sign_in
from core.errors import DomainError

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME


def choose(client, language: str, next_url: str = "/news/"):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_the_switcher_is_on_the_sign_in_page_and_works_signed_out(client, db):
    page = client.get("/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert '<button type="submit" name="language" value="fr" lang="fr-CA"' in page
    assert '<html lang="en">' in page
    response = choose(client, "fr", "/login/")
    assert response.status_code == 302 and response.url == "/login/"
    assert response.cookies[COOKIE].value == "fr"
    page = client.get("/login/").content.decode()
    assert '<html lang="fr-CA">' in page
    assert '<button type="submit" name="language" value="en" lang="en"' in page


def test_a_signed_in_choice_is_kept_audited_and_comes_back_at_the_next_sign_in(personas):
    browser = Client()
    sign_in(browser, "alice", PASSWORD)
    response = choose(browser, "fr")
    assert response.status_code == 302 and response.url == "/news/"
    personas.alice.refresh_from_db()
    assert personas.alice.language == "fr"
    entry = last_audit("account.language_changed")
    assert entry.actor_id == personas.alice.pk and entry.details["language"] == "fr"
    from audit.sentences import describe

    assert describe(entry).endswith("chose to read the portal in French.")
    # Another browser, without the cookie, in English: signing in brings French back.
    other = Client()
    assert '<html lang="en">' in other.get("/login/").content.decode()
    response = sign_in(other, "alice", PASSWORD)
    assert response.cookies[COOKIE].value == "fr"
    assert '<html lang="fr-CA">' in other.get("/news/").content.decode()
    # Signed out, the sign-in page stays in the person's language.
    other.post("/logout/")
    assert '<html lang="fr-CA">' in other.get("/login/").content.decode()


def test_the_persons_language_wins_over_the_browsers(personas):
    personas.bob.language = "fr"
    personas.bob.save(update_fields=["language"])
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(personas.bob)
    assert '<html lang="fr-CA">' in browser.get("/news/").content.decode()


def test_choosing_the_same_language_records_nothing(personas):
    from audit.models import AuditEntry

    services.set_language(personas.alice, language="en", actor=personas.alice)
    assert not AuditEntry.objects.filter(action="account.language_changed").exists()


def test_only_a_known_language_and_only_ones_own(personas):
    with pytest.raises(DomainError, match="Choose English or French"):
        services.set_language(personas.alice, language="de", actor=personas.alice)
    with pytest.raises(DomainError, match="only choose your own language"):
        services.set_language(personas.alice, language="fr", actor=personas.bob)
    personas.alice.refresh_from_db()
    assert personas.alice.language == "en"


def test_an_unknown_language_changes_nothing(client, personas):
    client.force_login(personas.alice)
    response = choose(client, "de")
    assert response.status_code == 302
    assert COOKIE not in response.cookies or response.cookies[COOKIE].value != "de"
    personas.alice.refresh_from_db()
    assert personas.alice.language == "en"


def test_the_sign_in_page_in_french(client, db):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="fr-CA").content.decode()
    assert '<html lang="fr-CA">' in page
    assert "<h1>Connexion</h1>" in page
    assert "<title>Connexion ·" in page
    assert '<label for="id_username">Nom de compte</label>' in page
    assert "Passer au contenu principal" in page
    assert '<span class="current-language" lang="fr-CA" aria-current="true">Français</span>' in page
    # A failed sign-in says why in French, in the error summary and the title.
    page = client.post(
        "/login/", {"username": "alice", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="fr-CA"
    ).content.decode()
    assert "Le nom de compte ou le mot de passe est inexact" in page
    assert "<title>Erreur\u00a0: Connexion ·" in page


def test_a_french_speaker_signs_in_and_every_page_after_is_in_french(personas):
    personas.carol.language = "fr"
    personas.carol.save(update_fields=["language"])
    browser = Client()
    sign_in(browser, "carol", PASSWORD)
    page = browser.get("/news/").content.decode()
    assert '<html lang="fr-CA">' in page
    assert ">Nouvelles</a>" in page and ">Se déconnecter</button>" in page
    assert "Session de <strong>" in page


def test_french_chosen_on_the_sign_in_page_is_kept_at_sign_in(personas):
    browser = Client()
    choose(browser, "fr", "/login/")
    assert '<html lang="fr-CA">' in browser.get("/login/").content.decode()
    sign_in(browser, "alice", PASSWORD)
    personas.alice.refresh_from_db()
    assert personas.alice.language == "fr"
    entry = last_audit("account.language_changed")
    assert entry.actor_id == personas.alice.pk and entry.details["language"] == "fr"
    assert '<html lang="fr-CA">' in browser.get("/news/").content.decode()


def test_a_language_cookie_left_on_a_browser_changes_nobodys_account(personas):
    browser = Client()
    browser.cookies[COOKIE] = "fr"  # someone else chose French here, in another session
    assert '<html lang="fr-CA">' in browser.get("/login/").content.decode()
    sign_in(browser, "alice", PASSWORD)
    personas.alice.refresh_from_db()
    assert personas.alice.language == "en"
    assert '<html lang="en">' in browser.get("/news/").content.decode()

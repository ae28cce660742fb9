"""Accounts in French (issue 20): a person who reads the portal in French gets its pages,
refusals and e-mails in French, while the audit log stays in English and an English-speaking
person's e-mail stays English."""

import pytest
from django.core import mail
from django.test import Client

from accounts import services
from accounts.tests.helpers import PASSWORD, last_audit
from core.testing import french_client

pytestmark = pytest.mark.django_db
NEW = "a fresh passphrase for the winter"


def confirmed(client: Client) -> Client:
    """Past the recent sign-in check of the second factor and secret question pages."""
    client.post("/reauthenticate/?next=/news/", {"password": PASSWORD})
    return client


@pytest.mark.parametrize(
    "path, title, words",
    [
        ("/account/password/", "Changer mon mot de passe", ["Votre mot de passe actuel"]),
        ("/reauthenticate/?next=/news/", "Confirmer votre mot de passe", ["Continuer"]),
    ],
)
def test_the_account_pages_in_french(personas, path, title, words):
    page = french_client(personas.alice).get(path).content.decode()
    assert '<html lang="fr-CA">' in page
    assert f"<title>{title} ·" in page
    for word in words:
        assert word in page


def test_the_second_factor_and_secret_question_pages_in_french(personas):
    client = confirmed(french_client(personas.alice))
    page = client.get("/account/two-factor/").content.decode()
    assert '<html lang="fr-CA">' in page and "<title>Deuxième facteur ·" in page
    assert "Configurer une application d'authentification" in page
    page = client.get("/account/secret-questions/").content.decode()
    assert "<title>Questions secrètes ·" in page
    assert "Enregistrer les questions secrètes" in page and "Question 1" in page


def test_the_organization_security_page_in_french(personas):
    org = personas.northwind
    page = french_client(personas.alice).get(f"/organizations/{org.org_id}/security/")
    page = page.content.decode()
    assert f"<title>Sécurité · {org.legal_name} ·" in page
    assert "est facultatif pour les personnes de" in page


def test_a_refusal_is_shown_in_french_and_audited_in_english(personas):
    client = french_client(personas.alice)
    page = client.post(
        "/account/password/",
        {"current_password": "not my password", "new_password1": NEW, "new_password2": NEW},
    ).content.decode()
    assert "Saisissez correctement votre mot de passe actuel pour le changer." in page
    entry = last_audit("account.password_change")
    assert entry.outcome == "refused"
    assert entry.details["reason"] == "Enter your current password correctly to change it."


def test_the_e_mail_follows_each_recipients_language(personas, django_capture_on_commit_callbacks):
    personas.alice.language = "fr"
    personas.alice.save(update_fields=["language"])
    for user in (personas.alice, personas.bob):
        data = {"current_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.change_password(user, data=data, actor=user)
        (message,) = mail.outbox
        if user is personas.alice:
            assert message.subject == "Votre mot de passe a été changé"
            assert message.body.startswith("Bonjour")
            assert "vient d'être changé" in message.body
        else:
            assert message.subject == "Your password was changed"
            assert message.body.startswith("Hello") and "was just changed" in message.body


def test_a_french_persons_invitation_link_and_sign_in_refusals(client, personas):
    """A French page's refusal to a person without an account: Accept-Language decides."""
    page = client.get("/invitation/", HTTP_ACCEPT_LANGUAGE="fr-CA").content.decode()
    assert '<html lang="fr-CA">' in page
    assert "<title>Lien non valide ·" in page and "Cette invitation n&#x27;est plus valide" in page

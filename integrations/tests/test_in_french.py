"""Integrations in French (issue 20): the webhook pages and guide for a French-speaking
person, a refusal shown in French and audited in English, and the managers' e-mail in each
one's language."""

import pytest
from django.core import mail

from core.testing import french_client, last_audit
from integrations import services

pytestmark = pytest.mark.django_db
URL = "http://127.0.0.1:9/hooks"


def a_webhook(personas, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    webhook, _secret = services.create_webhook(
        personas.northwind, data={"url": URL, "events": ["contact.added"]}, actor=personas.alice
    )
    return webhook


def test_the_webhook_pages_and_the_guide_in_french(personas, settings):
    webhook = a_webhook(personas, settings)
    org = personas.northwind
    client = french_client(personas.alice)
    pages = {
        f"/organizations/{org.org_id}/webhooks/": (
            f"Webhooks et événements · {org.legal_name}",
            ["Ajouter le webhook", "Derniers événements", "URL du point de terminaison"],
        ),
        f"/organizations/{org.org_id}/webhooks/{webhook.pk}/": (
            f"Webhook {webhook.pk} · {org.legal_name}",
            ["Envoyer un événement d'essai", "Journal des envois", "Point de terminaison"],
        ),
        f"/organizations/{org.org_id}/webhooks/{webhook.pk}/delete/": (
            f"Supprimer le webhook {webhook.pk} · {org.legal_name}",
            ["Oui, supprimer le webhook", "Non, revenir en arrière"],
        ),
        "/integrations/guide/": (
            "Guide des intégrations",
            ["Le flux d'événements", "Types d'événements", "Un récepteur en Python"],
        ),
    }
    for path, (title, words) in pages.items():
        page = client.get(path).content.decode()
        assert '<html lang="fr-CA">' in page, path
        assert f"<title>{title} ·" in page, path
        for word in words:
            assert word in page, (path, word)


def test_who_may_not_manage_reads_why_in_french(personas):
    org = personas.northwind
    page = french_client(personas.erin).get(f"/organizations/{org.org_id}/webhooks/")
    assert "Seuls les personnes-ressources principales et les représentants autorisés" in (
        page.content.decode()
    )


def test_an_unsafe_address_is_refused_in_french(personas):
    page = french_client(personas.bob).post(
        f"/organizations/{personas.northwind.org_id}/webhooks/add/",
        {"url": "https://10.0.0.1/x", "events": ["contact.added"]},
    )
    assert page.status_code == 422 and "une adresse privée" in page.content.decode()


def test_a_refusal_is_shown_in_french_and_audited_in_english(personas, settings):
    webhook = a_webhook(personas, settings)
    webhook.is_active = False
    webhook.save(update_fields=["is_active"])
    org = personas.northwind
    page = french_client(personas.alice).post(
        f"/organizations/{org.org_id}/webhooks/{webhook.pk}/test/", follow=True
    )
    assert (
        "Réactivez le webhook avant de lui envoyer un événement d&#x27;essai."
        in (page.content.decode())
        or "Réactivez le webhook avant de lui envoyer un événement d'essai."
        in page.content.decode()
    )
    entry = last_audit("webhook.test")
    assert entry.outcome == "refused"
    assert entry.details["reason"] == "Enable the webhook before sending it a test event."


def test_the_managers_e_mail_follows_each_ones_language(
    personas, settings, django_capture_on_commit_callbacks
):
    personas.alice.language = "fr"
    personas.alice.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        a_webhook(personas, settings)
    by_address = {message.to[0]: message for message in mail.outbox}
    french = by_address[personas.person("alice").email]
    english = by_address[personas.person("bob").email]
    org = personas.northwind.legal_name
    assert french.subject == f"Un webhook reçoit maintenant les événements de {org}"
    assert "a ajouté un webhook (crochet Web)" in french.body
    assert english.subject == f"A webhook now receives the events of {org}"
    assert "added a webhook to" in english.body

"""Every page of systems answers a French-speaking person in Canadian French; a refusal is
shown in French and audited in English; an e-mail goes to each recipient in their language."""

import datetime
import html

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from systems import reviews
from systems.models import AccessGrant
from systems.tests.helpers import grant, start_review
from systems.tests.test_machine_accounts import approved

pytestmark = pytest.mark.django_db


def _in_french(client, user):
    user.language = "fr"
    user.save(update_fields=["language"])
    client.force_login(user)
    return user


def _page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    body = html.unescape(response.content.decode())
    assert '<html lang="fr-CA"' in body
    return body


def _title(body: str) -> str:
    return body.split("<title>")[1].split("</title>")[0]


def test_the_pages_of_a_rights_administrator_answer_in_french(client, personas):
    org, dave, erin = personas.northwind, personas.dave, personas.person("erin")
    account = approved(personas)
    grant(personas, "erin", "metering")
    _in_french(client, dave)
    pages = {
        reverse("systems-manage-access", args=[org.org_id]): (
            "Gérer les accès",
            ["Par personne", "Par système", "Comptes machines", "Numéro de personne"],
        ),
        reverse("systems-manage-access", args=[org.org_id]) + "?view=system": (
            "Gérer les accès",
            ["Niveaux\u00a0:"],
        ),
        reverse("systems-person-access", args=[org.org_id, erin.person_id]): (
            f"Accès de {erin.full_name}",
            ["Accorder un accès", "Choisissez un niveau", "Révoquer", "et pourquoi?"],
        ),
        reverse(
            "systems-revoke-access", args=[org.org_id, AccessGrant.objects.get(person=erin).pk]
        ): (
            "Révoquer l'accès",
            ["Oui, révoquer l'accès", "Non, revenir en arrière", "avisée par courriel"],
        ),
        reverse("systems-request-machine-account", args=[org.org_id]): (
            "Demander un compte machine",
            ["Envoyer pour approbation", "Numéro de personne du responsable", "Objet"],
        ),
        reverse("systems-machine-credentials", args=[org.org_id, account.pk]): (
            f"Identifiants de {account.name}",
            ["Délivrer des identifiants", "Identifiant client", "Annuler"],
        ),
        reverse("systems-machine-revoke", args=[org.org_id, account.pk]): (
            f"Révoquer {account.name}",
            ["Révoquer le compte machine", "Raison (facultatif)", "Oui, le révoquer"],
        ),
    }
    for url, (title, words) in pages.items():
        body = _page(client, url)
        assert _title(body).startswith(title), url
        for word in words:
            assert word in body, (url, word)


def test_the_request_access_page_answers_in_french(client, personas):
    _in_french(client, personas.erin)
    body = _page(client, reverse("systems-request-access"))
    assert _title(body).startswith("Demander un accès")
    for word in (
        "Envoyer la demande",
        "Mes demandes",
        "Au nom de",
        "Pourquoi en avez-vous besoin?",
    ):
        assert word in body


def test_the_staff_pages_answer_in_french(client, personas):
    campaign = start_review(personas, days=7)
    _in_french(client, personas.staff)
    pages = {
        reverse("systems-information-systems"): (
            "Systèmes d'information",
            ["Ajouter un système", "En service"],
        ),
        reverse("systems-add-information-system"): (
            "Ajouter un système",
            ["Enregistrer", "Niveaux d'accès"],
        ),
        reverse("systems-information-system", args=["metering"]): (
            "Données de mesurage",
            ["Position dans les listes"],
        ),
        reverse("systems-review-campaigns"): (
            "Examens des accès",
            ["Lancer un examen des accès", "Échéance"],
        ),
        reverse("systems-start-review-campaign"): (
            "Lancer un examen des accès",
            ["Lancer l'examen", "Numéros d'organisation"],
        ),
        reverse("systems-review-campaign", args=[campaign.pk]): (
            campaign.name,
            ["Échéance", "Organisations"],
        ),
    }
    for url, (title, words) in pages.items():
        body = _page(client, url)
        assert _title(body).startswith(title), url
        for word in words:
            assert word in body, (url, word)


def test_a_refusal_is_shown_in_french_and_audited_in_english(client, personas):
    org, dave = personas.northwind, personas.dave
    _in_french(client, dave)
    response = client.post(
        reverse("systems-grant-access", args=[org.org_id]),
        {"person_id": personas.person("dave").person_id, "system": "metering", "level": "read"},
        follow=True,
    )
    body = html.unescape(response.content.decode())
    assert "Personne ne s'accorde d'accès à soi-même" in body
    entry = AuditEntry.objects.filter(outcome="refused").latest("pk")
    assert entry.details["reason"].startswith("Nobody grants access to themselves")


def test_the_api_answers_a_refusal_in_french(client, personas):
    from apitokens.tests.helpers import bearer, token_for

    org = personas.northwind
    response = client.post(
        f"/api/v1/organizations/{org.org_id}/access",
        {"person_id": personas.person("carol").person_id, "system": "metering", "level": "read"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr-CA",
        **bearer(token_for(personas.erin)),
    )
    assert response.status_code == 403
    assert "Seul un administrateur des droits de Northwind" in str(response.json())
    entry = AuditEntry.objects.filter(outcome="refused").latest("pk")
    assert entry.details["reason"].startswith("Only a Rights Administrator of Northwind")


def test_each_recipient_of_a_lapsed_review_reads_it_in_their_language(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    personas.dave.language = "fr"
    personas.dave.save(update_fields=["language"])
    grant(personas, "erin", "metering")
    review = start_review(personas, days=3).reviews.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviews.lapse_overdue_reviews(today=review.deadline + datetime.timedelta(days=1))
    [to_dave] = [m for m in mailoutbox if m.to == [personas.dave.email]]
    assert to_dave.subject.startswith("Des accès non confirmés à temps ont été révoqués pour")
    assert "Bonjour," in to_dave.body and "numéro de personne" in to_dave.body
    assert "Gérer les accès" in to_dave.body
    [to_erin] = [m for m in mailoutbox if m.to == [personas.person("erin").email]]
    assert to_erin.subject == "Your access to Metering Data has ended"
    assert to_erin.body.startswith("Hello Erin,")


def test_system_names_on_manage_access_read_in_the_readers_language(client, personas):
    from django.utils import translation

    from core.testing import as_read, french_client
    from systems.models import InformationSystem

    grant(personas, "erin", "metering")
    system = InformationSystem.objects.get(code="metering")
    english = system.name
    with translation.override("fr"):
        french = str(system)
    assert french and french != english
    url = reverse("systems-manage-access", args=[personas.northwind.org_id])
    assert french in as_read(french_client(personas.dave).get(url))
    client.force_login(personas.dave)
    assert english in as_read(client.get(url))

"""The registry's pages, refusals and e-mails in Canadian French for a person who reads French,
while the audit log keeps English and an English reader of the same change reads English."""

import re

import pytest
from django.urls import reverse

from core.testing import reads_french

pytestmark = pytest.mark.django_db


def in_french(client, user):
    client.force_login(reads_french(user))
    return client


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def pages(personas):
    org = personas.northwind.org_id
    erin = personas.person("erin").person_id
    alice = personas.person("alice").person_id
    return [
        # (address, words of the <title>, words of the page)
        (reverse("me"), "Gérer mes renseignements", ["Coordonnées", "Adresse professionnelle"]),
        (reverse("registry-organization", args=[org]), "", ["Par personne", "Accès et sécurité"]),
        (
            reverse("registry-update-contacts", args=[org]),
            "Mettre à jour les personnes-ressources",
            ["Par section", "Choisir un rôle pour voir"],
        ),
        (
            reverse("registry-by-role", args=[org]),
            "Par rôle",
            ["Rôles d'inscription", "Titulaires", "Obligatoire"],
        ),
        (
            reverse("registry-by-person", args=[org]),
            "Par personne",
            ["Numéro de personne", "Trouver quelqu'un d'autre"],
        ),
        (
            reverse("registry-person-roles", args=[org, erin]),
            "",
            ["Rôles chez", "Numéro de personne"],
        ),
        (
            reverse("registry-role-holders", args=[org, "primary_contact"]),
            "",
            ["Titulaires inscrits du rôle de", "Ajouter"],
        ),
        (
            reverse("registry-remove-contact", args=[org, "primary_contact", alice]),
            "Retirer le rôle de",
            ["est le seul titulaire du rôle de", "Revenir"],
        ),
        (
            reverse("registry-by-section", args=[org]),
            "Par section",
            ["Une section est un point de contact unique", "Ajouter une section"],
        ),
        (
            reverse("registry-add-section", args=[org]),
            "Ajouter une section",
            ["Nom de la section", "Courriel partagé", "Annuler"],
        ),
        (
            reverse("registry-register-person", args=[org]) + "?q=Zoé",
            "Inscrire une nouvelle personne",
            ["Vous avez cherché", "Prénom", "Nom de famille"],
        ),
        (
            reverse("registry-audit-log", args=[org]),
            "Journal d'audit",
            ["Ce qui s'est passé", "Résultat"],
        ),
        (reverse("registry-by-person", args=[org]) + "?q=Erin", "", ["Personnes correspondant à"]),
    ]


def test_every_registry_page_answers_in_french(client, personas):
    in_french(client, personas.alice)
    for address, title_words, words in pages(personas):
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert '<html lang="fr-CA">' in html, address
        assert title_words in title(html), address
        for word in words:
            assert word in html, (address, word)
        # The breadcrumb trail starts with the Actions page, in French too.
        assert "Breadcrumb" not in html or "Actions" in html


def test_the_choose_organization_page_is_in_french(client, personas):
    in_french(client, personas.staff)
    html = client.get(reverse("registry-choose-organization")).content.decode()
    assert '<html lang="fr-CA">' in html
    assert "Mettre à jour l'organisation" in title(html)
    assert "Quelle organisation voulez-vous mettre à jour?" in html


def test_role_names_on_the_contact_pages_read_in_the_readers_language(client, personas):
    from django.utils import translation

    from core.testing import as_read, french_client
    from registry.models import RoleType

    role = RoleType.objects.get(code="invoicing_banking_contact")
    english = role.name
    with translation.override("fr"):
        french = str(role)
    assert french and french != english
    org = personas.northwind.org_id
    by_person = reverse("registry-by-person", args=[org])
    page = as_read(french_client(personas.alice).get(by_person))
    assert french in page and english not in page
    personas.alice.language = "en"  # the same page, for an English reader
    personas.alice.save(update_fields=["language"])
    client.force_login(personas.alice)
    assert english in as_read(client.get(by_person))

"""The back office in French for operator staff who read French, and the public Register an
Organization form for a French visitor; the e-mails in each recipient's language (issue 20)."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from backoffice import services
from backoffice.tests.helpers import application_data, submit
from core.testing import DEMO, french_page, last_audit, reads_french
from registry.models import RoleAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_in_french(client, personas):
    client.force_login(reads_french(personas.staff))
    return client


NORTHWIND = DEMO.northwind.org_id
ALICE = DEMO.person("alice").person_id

# (url, the French <title> start, a few of the page's own French words)
STAFF_PAGES = [
    ("/backoffice/", "Administration ·", ["Ce qui attend le personnel", "Votre travail"]),
    (
        "/backoffice/organizations/",
        "Organisations ·",
        ["Chercher par nom ou numéro d'organisation", "Numéro d'organisation", "Ville"],
    ),
    (
        "/backoffice/organizations/?q=north",
        "Organisations ·",
        ["correspondant à « north »"],
    ),
    (
        f"/backoffice/organizations/{NORTHWIND}/",
        "Northwind",
        ["Personnes-ressources par rôle", "Dernières modifications", "Services bancaires"],
    ),
    (
        f"/backoffice/organizations/{NORTHWIND}/edit/",
        "Corriger les renseignements de Northwind",
        ["Corriger les renseignements inscrits", "Enregistrer les renseignements"],
    ),
    ("/backoffice/persons/", "Personnes ·", ["personnes inscrites", "Numéro de personne"]),
    (f"/backoffice/persons/{ALICE}/", "Alice", ["Organisations et rôles", "Nom de compte"]),
]


@pytest.mark.parametrize("url, title, words", STAFF_PAGES)
def test_the_staff_workplace_answers_in_french(staff_in_french, url, title, words):
    page = french_page(staff_in_french.get(url), title)
    assert "Accueil du personnel" in page  # the staff navigation
    for word in words:
        assert word in page


@pytest.mark.parametrize(
    "name, args, title, words",
    [
        ("backoffice-applications", [], "Demandes d'inscription d'une organisation", ["Afficher"]),
        ("backoffice-coverage", [], "Couverture des rôles", ["Personnes-ressources sans compte"]),
        ("backoffice-role-types", [], "Rôles d'inscription", ["Ajouter un rôle", "Titulaires"]),
        ("backoffice-add-role-type", [], "Ajouter un rôle", ["Nombre recommandé de titulaires"]),
        (
            "backoffice-appoint-representative",
            [NORTHWIND],
            "Nommer un représentant autorisé",
            ["Nommer un représentant autorisé pour Northwind", "Motif"],
        ),
        (
            "backoffice-deactivate-account",
            [ALICE],
            "Désactiver le compte de Alice",
            ["Oui, désactiver le compte", "Pourquoi le compte est-il désactivé?"],
        ),
    ],
)
def test_the_other_staff_pages_answer_in_french(staff_in_french, name, args, title, words):
    page = french_page(staff_in_french.get(reverse(name, args=args)), title)
    for word in words:
        assert word in page


def test_a_role_type_page_and_its_removal_page_are_in_french(staff_in_french):
    page = french_page(
        staff_in_french.get(reverse("backoffice-role-type", args=["metering_contact"])), ""
    )
    assert "Enregistrer" in page and "Annuler" in page
    page = french_page(
        staff_in_french.get(reverse("backoffice-delete-role-type", args=["metering_contact"])),
        "Retirer",
    )
    assert "ne peut pas être retiré" in page or "Oui, le retirer" in page


def test_an_application_page_is_in_french(staff_in_french):
    application = submit()
    page = french_page(
        staff_in_french.get(reverse("backoffice-application", args=[application.reference])),
        f"Demande {application.reference}",
    )
    assert "En attente d'examen." in page
    assert "Dénomination sociale" in page and "Numéro d'entreprise" in page
    assert "Société par actions" in page  # the entity type
    assert "Approuver et inscrire l'organisation" in page and "Motif du rejet" in page


def test_the_public_form_is_in_french_for_a_french_visitor(client):
    client.cookies["django_language"] = "fr"
    page = french_page(client.get(reverse("register-organization")), "Inscrire une organisation")
    assert "Numéro d'entreprise" in page and "Soumettre la demande" in page
    data = application_data(**{"org-business_number": "12"})
    response = client.post(reverse("register-organization"), data)
    assert response.status_code == 422
    page = html.unescape(response.content.decode()).replace("\u00a0", " ")
    assert "<title>Erreur :" in page
    assert "L'organisation : Entrez le numéro d'entreprise à 9 chiffres" in page
    page = french_page(client.get(reverse("backoffice-application-sent")), "Demande reçue")


def test_a_refusal_is_shown_in_french_and_audited_in_english(staff_in_french, personas):
    url = reverse("backoffice-appoint-representative", args=[NORTHWIND])
    response = staff_in_french.post(
        url, {"person_id": f"{personas.person('erin').person_id}", "reason": "Trying anyway."}
    )
    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "Northwind Power Corp. a déjà un représentant autorisé" in page
    entry = last_audit()
    assert entry.outcome == "refused"
    assert entry.details["reason"].startswith(
        "Northwind Power Corp. already has an Authorized Representative"
    )


def test_a_success_message_is_in_french(staff_in_french, personas):
    RoleAssignment.objects.filter(  # data set-up: the situation recovery is for
        membership__organization=personas.northwind, role_type__code="authorized_representative"
    ).delete()
    response = staff_in_french.post(
        reverse("backoffice-appoint-representative", args=[NORTHWIND]),
        {"person_id": f"{personas.person('erin').person_id}", "reason": "The last one retired."},
        follow=True,
    )
    page = html.unescape(response.content.decode())
    assert "Erin Walsh est maintenant représentant autorisé de Northwind Power Corp." in page


def test_the_appointment_e_mail_is_in_each_recipients_language(
    personas, django_capture_on_commit_callbacks
):
    org = personas.northwind
    reads_french(personas.alice)
    RoleAssignment.objects.filter(
        membership__organization=org, role_type__code="authorized_representative"
    ).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.appoint_authorized_representative(
            org, personas.person("erin"), reason="Bob left.", actor=personas.staff
        )
    by_address = {m.to[0]: m for m in mail.outbox if "Erin Walsh" in m.subject}
    french, english = by_address["alice@northwind.example"], by_address["erin@northwind.example"]
    assert french.subject == "Erin Walsh nommé représentant autorisé de Northwind Power Corp."
    assert "Motif\u00a0: Bob left." in french.body and "qui n'en avait aucun" in french.body
    assert (
        english.subject == "Erin Walsh appointed Authorized Representative of Northwind Power Corp."
    )
    assert "Reason: Bob left." in english.body


def test_the_submitter_reads_the_receipt_in_french_when_their_address_is_a_french_account(
    personas, django_capture_on_commit_callbacks
):
    reads_french(personas.alice)
    with django_capture_on_commit_callbacks(execute=True):
        submit(**{"submitter-email": "alice@northwind.example"})
    receipt = next(m for m in mail.outbox if m.to == ["alice@northwind.example"])
    assert receipt.subject == "Nous avons reçu votre demande d'inscription de Sunridge Solar Ltd."
    assert "Notre groupe de l'Inscription au marché" in receipt.body


def test_the_contacts_export_header_follows_the_reader(staff_in_french):
    response = staff_in_french.get(reverse("backoffice-export-contacts", args=[NORTHWIND]))
    first_line = b"".join(response.streaming_content).decode().splitlines()[0]
    assert first_line.startswith('"Numéro de personne","Prénom","Nom de famille"')


def test_the_role_list_names_each_role_in_the_readers_language(staff_in_french, personas):
    from django.utils import translation

    from core.testing import as_read
    from registry.models import RoleType

    role = RoleType.objects.get(code="invoicing_banking_contact")
    with translation.override("fr"):
        french = str(role)
    assert french != role.name
    page = as_read(staff_in_french.get("/backoffice/role-types/"))
    assert french in page and role.name not in page
    reads_english = personas.staff
    reads_english.language = "en"
    reads_english.save(update_fields=["language"])
    assert role.name in as_read(staff_in_french.get("/backoffice/role-types/"))

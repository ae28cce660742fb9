"""Announcements and notices in French for operator staff who read French; a notice e-mailed
in each recipient's language (issue 20)."""

import pytest
from django.urls import reverse

from core.testing import DEMO, as_read, french_page, last_audit, reads_french
from notices import services

pytestmark = pytest.mark.django_db

TO_NORTHWIND = {
    "title": "Settlement calendar",
    "body": "The 2027 calendar is out.",
    "roles": ["primary_contact", "authorized_representative"],
    "organization": f"{DEMO.northwind.org_id}",
}


@pytest.fixture
def staff_in_french(client, personas):
    client.force_login(reads_french(personas.staff))
    return client


@pytest.fixture
def announcement(personas):
    return services.publish_announcement(
        data={"title": "Portal maintenance", "body": "Saturday night."}, actor=personas.staff
    )


def test_the_announcements_list_is_in_french(staff_in_french, announcement):
    page = french_page(staff_in_french.get(reverse("notices-announcements")), "Annonces ·")
    assert "Rédiger une annonce" in page
    assert "1 annonce, de la plus récente à la plus ancienne" in page
    assert "Dans les Nouvelles" in page and "Retirer" in page


def test_composing_and_previewing_an_announcement_are_in_french(staff_in_french):
    url = reverse("notices-publish-announcement")
    page = french_page(staff_in_french.get(url), "Publier une annonce")
    assert "Texte brut. Une ligne vide sépare les paragraphes." in page
    assert "Publier sans aperçu" in page
    response = staff_in_french.post(url, {"title": "Hello", "body": "World", "preview": "1"})
    page = french_page(response, "Aperçu : Publier une annonce")
    assert "Aperçu : telle qu'elle paraîtra dans les Nouvelles" in page
    response = staff_in_french.post(url, {"title": "Hello", "body": "World"}, follow=True)
    assert "Votre annonce « Hello » est dans les Nouvelles de tout le monde." in as_read(response)


def test_issuing_a_notice_is_in_french(staff_in_french):
    url = reverse("notices-issue-notice")
    page = french_page(staff_in_french.get(url), "Envoyer un avis")
    assert "Aux titulaires des rôles" in page and "Toutes les organisations" in page
    response = staff_in_french.post(url, {"title": "", "body": ""})
    assert response.status_code == 422
    assert "<title>Erreur :" in as_read(response)
    response = staff_in_french.post(url, TO_NORTHWIND, follow=True)
    assert "Votre avis « Settlement calendar » a été envoyé à 2 personnes." in as_read(response)


def test_withdrawing_is_in_french_and_a_second_withdrawal_is_refused_in_french(
    staff_in_french, personas, announcement
):
    url = reverse("notices-withdraw-announcement", args=[announcement.pk])
    page = french_page(staff_in_french.get(url), "Retirer « Portal maintenance »")
    assert "Retirer l'annonce « Portal maintenance »?" in page
    assert "Pourquoi l'annonce est-elle retirée?" in page
    response = staff_in_french.post(url, {"reason": "Done."}, follow=True)
    assert "L'annonce « Portal maintenance » est retirée" in as_read(response)
    # The same withdrawal again (a second tab): the service refuses it, in French on the page.
    services_refusal = staff_in_french.post(url, {"reason": "Again."}, follow=True)
    assert "L'annonce « Portal maintenance » a déjà été retirée." in as_read(services_refusal)
    entry = last_audit("announcement.withdraw")
    assert entry.outcome == "refused"
    assert entry.details["reason"] == "The announcement “Portal maintenance” was already withdrawn."


def test_a_notice_is_e_mailed_in_each_recipients_language(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    reads_french(personas.alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_notice(data=TO_NORTHWIND, actor=personas.staff)
    by_address = {m.to[0]: m for m in mailoutbox}
    french, english = by_address["alice@northwind.example"], by_address["bob@northwind.example"]
    assert french.subject == "Avis\u00a0: Settlement calendar"
    assert french.body.startswith("The 2027 calendar is out.\n\n(Envoyé à Northwind Power Corp.")
    assert english.subject == "Notice: Settlement calendar"
    assert "(Sent to the " in english.body and "of Northwind Power Corp.)" in english.body

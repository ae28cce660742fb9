"""Manage Participation's pages and the back office's participation pages in Canadian French for
a person who reads French (the refusals, e-mails and API answers are not translated yet)."""

import pytest

from core.testing import french_client, french_page
from participation.models import Application
from participation.tests.helpers import probe_type

pytestmark = pytest.mark.django_db


def test_the_applicants_pages_read_french(personas):
    probe_type()
    client = french_client(personas.bob)
    org_id = personas.northwind.org_id
    page = french_page(
        client.get(f"/organizations/{org_id}/participation/"), "Gérer la participation"
    )
    assert "Demandes et participations" in page
    assert "Présenter une demande" in page

    start = f"/organizations/{org_id}/participation/apply/probe-participant/"
    page = french_page(client.get(start), "Présenter une demande : ")
    assert "Ce que la demande exige" in page
    assert "Commencer la demande" in page
    client.post(start, {"permit": "no"})
    app = Application.objects.get(participation_type__code="probe-participant")

    base = f"/organizations/{org_id}/applications/{app.pk}"
    page = french_page(client.get(f"{base}/"), f"Demande {app.pk} (")
    for words in [
        "Exigences",
        "Historique",
        "Commencée le",
        "Retirer cette demande",
        "Soumettre",
        "En cours",
        "Pas encore soumise",
    ]:
        assert words in page, words

    page = french_page(client.get(f"{base}/withdraw/"), f"Retirer la demande {app.pk}")
    assert "Ce retrait est définitif" in page
    assert "La conserver" in page


def test_the_choose_organization_page_reads_french(personas):
    # Operator staff see every organization, so they choose one first.
    page = french_page(
        french_client(personas.staff).get("/participation/"), "Gérer la participation"
    )
    assert "Choisissez l'organisation dont vous gérez la participation." in page
    assert "Numéro d'organisation" in page


def test_the_staff_pages_read_french(personas):
    client = french_client(personas.staff)
    page = french_page(client.get("/backoffice/participation/"), "Demandes de participation")
    assert "Tous les états" in page and "En attente d'examen" in page
    page = french_page(client.get("/backoffice/participation-types/"), "Types de participation")
    assert "Participant au marché" in page
    assert "Ajouter un type de participation" in page
    app = Application.objects.get(organization=personas.lakeshore)
    page = french_page(client.get(f"/backoffice/participation/{app.pk}/"), "Examen : demande")
    assert "Exigences" in page and "Historique" in page
    page = french_page(
        client.get("/backoffice/participation-types/market-participant/"), "Participant au marché"
    )
    assert "Ajouter une exigence" in page and "Toujours exigée" in page

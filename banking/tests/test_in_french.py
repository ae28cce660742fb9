"""Update Banking Information in French for a person who reads French; English for the
others (issue 20)."""

import pytest
from django.urls import reverse

from banking import services
from banking.tests.helpers import NEW, letter, sign_in_recently
from core.testing import french_page, last_audit, reads_french
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _submit(personas):
    return services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )


def test_choosing_an_organization_is_in_french(client, personas):
    client.force_login(reads_french(personas.erin))
    page = french_page(client.get(reverse("banking-choose")))
    assert "<title>Mettre à jour les renseignements bancaires" in page
    assert "Vous n&#x27;avez aucun de ces rôles" in page or "Vous n'avez aucun de ces rôles" in page


def test_the_banking_page_and_its_form_are_in_french(client, personas):
    _submit(personas)
    sign_in_recently(client, reads_french(personas.carol))
    org_id = personas.northwind.org_id
    page = french_page(client.get(reverse("banking-organization", args=[org_id])))
    assert "<title>Renseignements bancaires ·" in page
    assert "En attente d" in page and "Soumettre pour approbation" in page
    assert "Numéro d" in page and "Chèque annulé ou lettre de la banque" in page


def test_the_full_numbers_page_is_in_french(client, personas):
    change = _submit(personas)
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    from tasks import services as task_services

    task_services.approve_task(task, actor=personas.bob)
    sign_in_recently(client, reads_french(personas.carol))
    org_id = personas.northwind.org_id
    page = french_page(client.post(reverse("banking-reveal", args=[org_id])))
    assert "<title>Numéros bancaires complets ·" in page
    assert "Numéro de transit" in page and "00022" in page


def test_the_banking_task_is_in_french(client, personas):
    change = _submit(personas)
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    client.force_login(reads_french(personas.bob))
    page = french_page(client.get(reverse("tasks-detail", args=[task.pk])))
    assert "<title>Approuver un changement des renseignements bancaires" in page
    assert "Renseignements bancaires : en vigueur et proposés" in page
    assert "Pièce justificative :" in page


def test_a_refused_submission_reads_in_french_and_is_audited_in_english(client, personas):
    sign_in_recently(client, reads_french(personas.alice))
    org_id = personas.northwind.org_id
    response = client.post(reverse("banking-organization", args=[org_id]), NEW, follow=True)
    page = french_page(response)
    assert "Seule une personne-ressource pour la facturation et les services bancaires" in page
    reason = last_audit("banking.submit").details["reason"]
    assert reason.startswith("Only an Invoicing and Banking Contact of Northwind")


def test_the_submission_email_is_in_each_recipients_language(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    reads_french(personas.alice)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(personas)
    alice = personas.alice.person.email
    to_alice = [m for m in mailoutbox if alice in m.to]
    subjects = {m.subject for m in to_alice}
    assert "Changement des renseignements bancaires soumis pour Northwind Power Corp." in subjects
    assert any("compte" in m.body and "Tâches" in m.body for m in to_alice)
    to_bob = [m.subject for m in mailoutbox if personas.bob.person.email in m.to]
    assert to_bob == ["New task for Northwind Power Corp.: Approve banking information change"]

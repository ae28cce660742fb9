"""The Tasks pages, refusals and e-mails in French for a person who reads French; English
for the others (issue 20)."""

import pytest
from django.urls import reverse

from core.testing import last_audit
from registry.tests.api_helpers import as_persona, call
from tasks import services
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def _in_french(user):
    user.language = "fr"
    user.save(update_fields=["language"])
    return user


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr-CA"' in page
    return page


@pytest.mark.parametrize(
    "name, title, words",
    [
        ("tasks", "<title>Tâches", ["À faire", "Vos tâches en attente", "Échéance"]),
        ("tasks-done", "<title>Tâches terminées", ["encore été décidé"]),
        ("tasks-mine", "<title>Mes demandes", ["Toutes les demandes que vous avez faites"]),
    ],
)
def test_the_task_lists_are_in_french(client, personas, name, title, words):
    make_task(personas, summary="Décider quelque chose")
    client.force_login(_in_french(personas.bob))
    page = _page(client, reverse(name))
    assert title in page
    for word in words:
        assert word in page


def test_the_task_and_its_decision_pages_are_in_french(client, personas):
    task = make_task(personas)
    client.force_login(_in_french(personas.bob))
    page = _page(client, reverse("tasks-detail", args=[task.pk]))
    assert "Ce qu'il faut décider" in page
    assert "Historique et commentaires" in page
    assert "Accepter" in page and "Approuver" in page
    page = _page(client, reverse("tasks-reject", args=[task.pk]))
    assert "<title>Rejeter\xa0:" in page
    assert "Motif du rejet" in page


def test_a_refusal_reads_in_french_and_is_audited_in_english(client, personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.carol)
    client.force_login(_in_french(personas.bob))
    response = client.post(reverse("tasks-accept", args=[task.pk]), {"next": "detail"}, follow=True)
    page = response.content.decode()
    assert "Carol" in page and "a déjà accepté cette tâche." in page
    refusal = last_audit("task.accept")
    assert refusal.details["reason"].endswith("has already accepted this task.")


def test_the_api_refuses_in_french_for_a_french_reader(personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.carol)
    _in_french(personas.bob)
    response = call(as_persona(personas, "bob"), "POST", f"/tasks/{task.pk}/release", {})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Seule la personne qui l'a acceptée (Carol")
    assert last_audit("task.release").details["reason"].startswith("Only Carol")


def test_the_new_task_email_is_in_each_recipients_language(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    _in_french(personas.bob)
    with django_capture_on_commit_callbacks(execute=True):
        make_task(personas, summary="Décider quelque chose")
    to_bob = [m for m in mailoutbox if personas.bob.person.email in m.to]
    to_alice = [m for m in mailoutbox if personas.alice.person.email in m.to]
    assert to_bob and to_alice
    assert to_bob[0].subject.startswith("Nouvelle tâche pour")
    assert "Échéance\xa0:" in to_bob[0].body
    assert to_alice[0].subject.startswith("New task for")
    assert "Due:" in to_alice[0].body

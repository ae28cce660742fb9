import pytest
from django.core import mail
from django.urls import reverse

from backoffice import services
from backoffice.tests.helpers import submit
from core.errors import Forbidden, Invalid, RuleViolation
from registry.models import Organization
from tasks.models import Task

pytestmark = pytest.mark.django_db


def test_rejecting_tells_the_submitter_why(personas, django_capture_on_commit_callbacks):
    application = submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(
            application,
            reason="The business number does not match the legal name.",
            actor=personas.staff,
        )
    application.refresh_from_db()
    assert application.status == "rejected"
    assert not Organization.objects.filter(legal_name="Sunridge Solar Ltd.").exists()
    [message] = [m for m in mail.outbox if m.to == ["sam@sunridge.example"]]
    assert "The business number does not match the legal name." in message.body


def test_rejecting_closes_the_review_task(personas):
    application = submit()
    services.reject_application(application, reason="Duplicate application.", actor=personas.staff)
    task = Task.objects.get(kind="organization_application", subject_id=application.pk)
    assert (task.state, task.decided_by) == ("rejected", personas.staff)


def test_a_rejection_needs_a_reason(personas):
    application = submit()
    with pytest.raises(Invalid):
        services.reject_application(application, reason="  ", actor=personas.staff)
    application.refresh_from_db()
    assert application.status == "pending"


def test_a_rejected_application_cannot_be_approved_afterwards(personas):
    application = submit()
    services.reject_application(application, reason="Duplicate application.", actor=personas.staff)
    with pytest.raises(RuleViolation):
        services.approve_application(application, actor=personas.staff)


def test_only_staff_can_reject(personas):
    with pytest.raises(Forbidden):
        services.reject_application(submit(), reason="Not today, thanks.", actor=personas.bob)


def test_the_reject_form_shows_the_missing_reason_and_changes_nothing(client, personas):
    application = submit()
    client.force_login(personas.staff)
    url = reverse("backoffice-reject-application", args=[application.reference])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 422
    assert "Enter reason for rejecting." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"
    response = client.post(url, {"reason": "The applicant withdrew."}, follow=True)
    assert "is rejected; the submitter has been told why" in response.content.decode()

import datetime

import pytest
from django.core.management import call_command

from core.testing import DEMO
from systems import reviews
from systems.models import AccessGrant
from systems.tests.helpers import grant, grants, last_audit, start_review
from tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas):
    grant(personas, "erin", "metering")
    grant(personas, "carol", "settlements")
    return start_review(personas, days=3).reviews.get()


def _after(review, days=1):
    return review.deadline + datetime.timedelta(days=days)


def test_the_sweep_revokes_unconfirmed_grants_and_keeps_confirmed_ones(
    personas, review, mailoutbox, django_capture_on_commit_callbacks
):
    carol = review.items.get(person_name="Carol Singh")
    reviews.confirm_review_item(review, carol, actor=personas.dave)
    with django_capture_on_commit_callbacks(execute=True):
        assert reviews.lapse_overdue_reviews(today=_after(review)) == 1
    assert grants(personas.northwind, personas.person("erin")) == {}
    assert grants(personas.northwind, personas.person("carol")) == {"settlements": "read"}
    review.refresh_from_db()
    assert review.state == "lapsed" and review.campaign.state == "closed"
    assert dict(review.items.values_list("person_name", "decision")) == {
        "Carol Singh": "confirmed",
        "Erin Walsh": "lapsed",
    }
    assert Task.objects.get(pk=review.task_id).state == "expired"
    erin = [m for m in mailoutbox if m.to == [personas.person("erin").email]]
    assert any("not confirmed in the access review" in m.body for m in erin)
    [told] = [m for m in mailoutbox if m.subject.startswith("Access not confirmed in time")]
    assert told.to == [personas.dave.email]
    assert (
        f"Erin Walsh (Person ID {personas.person('erin').person_id}): Metering Data (read)"
        in told.body
    )
    entries = {(e.action, e.target_id) for e in _audit_since(review)}
    assert ("access.lapsed", f"{personas.person('erin').person_id}") in entries
    assert ("access_review.lapsed", str(review.pk)) in entries


def _audit_since(review):
    from audit.models import AuditEntry

    return AuditEntry.objects.filter(org_id=DEMO.northwind.org_id, at__gte=review.created_at)


def test_nothing_lapses_on_the_deadline_itself(personas, review):
    assert reviews.lapse_overdue_reviews(today=review.deadline) == 0
    assert AccessGrant.objects.count() == 2
    review.refresh_from_db()
    assert review.state == "open"


def test_a_fully_confirmed_review_closes_as_completed(personas, review):
    reviews.confirm_all(review, actor=personas.dave)
    assert reviews.lapse_overdue_reviews(today=_after(review)) == 0
    review.refresh_from_db()
    assert review.state == "completed" and AccessGrant.objects.count() == 2


def test_a_confirmation_after_the_sweep_is_refused(personas, review):
    reviews.lapse_overdue_reviews(today=_after(review))
    with pytest.raises(Exception) as exc:
        reviews.confirm_all(review, actor=personas.dave)
    assert exc.value.code == "already_decided"
    assert "already lapsed" in exc.value.message


def test_the_sweep_command_reports_what_it_did(personas, capsys):
    call_command("lapse_access_reviews")
    assert "0 unconfirmed access grant(s) revoked." in capsys.readouterr().out
    assert last_audit() is None or last_audit().action != "access.lapsed"


def test_the_news_and_audit_log_say_what_happened_in_words(personas, review):
    from audit.sentences import describe

    reviews.confirm_review_item(
        review, review.items.get(person_name="Carol Singh"), actor=personas.dave
    )
    reviews.lapse_overdue_reviews(today=_after(review))
    said = [describe(e) for e in _audit_since(review).order_by("id")]
    assert (
        "For Northwind Power Corp., Dave Okafor confirmed in an access review that Carol Singh "
        f"({personas.person('carol').person_id}) keeps read access to Settlement Statements."
        in said
    )
    assert (
        f"For Northwind Power Corp., Erin Walsh ({personas.person('erin').person_id})'s access "
        "to Metering Data ended: it was "
        "not confirmed in an access review by its deadline." in said
    )
    assert any(s.startswith("The review of Northwind Power Corp.'s access") for s in said)

import pytest
from django.urls import reverse

from core.errors import Forbidden, RuleViolation
from systems import reviews
from systems.models import AccessGrant
from systems.tests.helpers import grant, start_review
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas):
    grant(personas, "erin", "metering")
    grant(personas, "carol", "settlements")
    grant(personas, "alice", "mpi")
    return start_review(personas).reviews.get()


def _decisions(review) -> dict[str, str]:
    return dict(review.items.values_list("person_name", "decision"))


def test_confirm_all_confirms_every_pending_grant(personas, review):
    assert reviews.confirm_all(review, actor=personas.dave) == 3
    assert set(_decisions(review).values()) == {"confirmed"}
    assert AccessGrant.objects.filter(confirmed_at__isnull=False).count() == 3


def test_confirm_all_leaves_ones_own_grant_to_someone_else(personas, review):
    grant(personas, "dave", "mpi")
    own = start_review(personas, name="Second").reviews.get()
    assert reviews.confirm_all(own, actor=personas.dave) == 3
    assert _decisions(own)["Dave Okafor"] == "pending"
    with pytest.raises(Forbidden) as exc:
        reviews.confirm_all(own, actor=personas.dave)
    assert exc.value.code == "own_grant"


def test_confirm_all_when_all_is_decided_says_so(personas, review):
    reviews.confirm_all(review, actor=personas.dave)
    with pytest.raises(RuleViolation) as exc:
        reviews.confirm_all(review, actor=personas.dave)
    assert exc.value.code == "already_decided"


def test_approving_the_task_completes_the_review_once_everything_is_decided(personas, review):
    with pytest.raises(RuleViolation) as exc:
        task_services.approve_task(review.task, actor=personas.dave)
    assert exc.value.code == "review_pending"
    assert "3 grants are still undecided" in exc.value.message
    assert Task.objects.get(pk=review.task_id).state == "open"
    reviews.confirm_all(review, actor=personas.dave)
    task_services.approve_task(review.task, actor=personas.dave)
    review.refresh_from_db()
    assert (review.state, review.task.state) == ("completed", "approved")
    assert review.campaign.state == "closed"


def test_a_review_task_cannot_be_rejected(personas, review):
    with pytest.raises(RuleViolation) as exc:
        task_services.reject_task(review.task, actor=personas.dave, comment="No")
    assert exc.value.code == "not_rejectable"
    assert Task.objects.get(pk=review.task_id).state == "open"


def test_a_task_accepted_by_someone_else_is_theirs_to_decide(personas, review):
    from registry import services as registry_services
    from registry.models import RoleType

    ra = RoleType.objects.get(code="rights_administrator")
    registry_services.add_contact(
        personas.northwind, personas.person("ivan"), ra, actor=personas.alice
    )
    task_services.accept_task(review.task, actor=personas.ivan)
    with pytest.raises(RuleViolation) as exc:
        reviews.confirm_all(review, actor=personas.dave)
    assert exc.value.code == "task_taken"
    assert set(_decisions(review).values()) == {"pending"}


def test_the_confirm_all_page_asks_first_then_confirms(client, personas, review):
    client.force_login(personas.dave)
    url = reverse("systems-review-confirm-all", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Confirm all remaining grants?" in page and "These 3 grants" in page
    assert set(_decisions(review).values()) == {"pending"}
    response = client.post(url, follow=True)
    assert "You confirmed 3 grant(s). Approve the task to complete the review." in (
        response.content.decode()
    )
    assert set(_decisions(review).values()) == {"confirmed"}


@pytest.mark.parametrize("name, status", [("erin", 403), ("alice", 403), ("frank", 404)])
def test_the_confirm_all_page_refuses_others(client, personas, review, name, status):
    client.force_login(getattr(personas, name))
    url = reverse("systems-review-confirm-all", args=[review.pk])
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert set(_decisions(review).values()) == {"pending"}

"""Offer only what is allowed: for every registered task kind, every demo persona and every
task action, the buttons the task page and the task list offer are exactly the actions the
service would accept (asked for real, in a savepoint rolled back so nothing persists).

Checked with the task open and again once a decider has accepted it."""

import pytest
from django.db import transaction
from django.urls import reverse

from backoffice.tests.helpers import submit
from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from core.errors import DomainError
from systems import machines, reviews
from systems import services as systems_services
from systems.tests.helpers import grant, start_review, system
from tasks import services
from tasks.kinds import registered_kinds
from tasks.models import Task
from tasks.tests.helpers import BANKING_GROUP, TEST_KIND

pytestmark = pytest.mark.django_db

PERSONAS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "ivan", "staff"]
ACTIONS = ["accept", "release", "approve", "reject"]


def _banking_change(personas) -> Task:
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    return Task.objects.get(kind="banking_change", subject_id=change.pk)


def _access_request(personas) -> Task:
    return systems_services.request_access(
        personas.northwind,
        system("metering"),
        level="read",
        reason="Monthly meter reconciliation",
        actor=personas.erin,
    ).task


def _access_review(personas) -> Task:
    """A review of Northwind's grants whose items are all decided, so completing it is a
    real decision (an undecided review refuses approval for what it holds, not for who)."""
    grant(personas, "erin", "metering")
    campaign = start_review(personas, organizations=f"{personas.northwind.org_id}")
    review = campaign.reviews.get()
    reviews.confirm_all(review, actor=personas.staff)
    return review.task


def _application(personas) -> Task:
    return Task.objects.get(subject_id=submit().pk, kind="organization_application")


def _machine_account(personas) -> Task:
    return machines.request_machine_account(
        personas.lakeshore,
        system("metering"),
        owner=personas.person("grace"),
        name="Offer walk machine",
        purpose="Walks the offers.",
        actor=personas.frank,
    ).task


def _machine_renewal(personas) -> Task:
    account = machines.request_machine_account(
        personas.lakeshore,
        system("metering"),
        owner=personas.person("grace"),
        name="Renewal walk machine",
        purpose="Walks the offers.",
        actor=personas.frank,
    )
    services.approve_task(account.task, actor=personas.ivan)
    account.refresh_from_db()
    return machines.renew_machine_account(account, actor=personas.frank).renewal_task


def _certification(personas) -> Task:
    """Northwind's certification with every entry confirmed, so attesting is a real decision."""
    from certification import services as certification_services
    from certification.tests.helpers import northwind_certification

    cert = northwind_certification(personas)
    certification_services.confirm_all(cert, actor=personas.bob)
    return cert.task


def _plain(code):
    def build(personas) -> Task:
        return services.create_task(
            kind=code,
            summary="Decide something",
            organization=personas.northwind,
            roles=BANKING_GROUP,
            actor=personas.staff,
        )

    return build


BUILDERS = {
    "generic": _plain("generic"),
    TEST_KIND.code: _plain(TEST_KIND.code),
    "notice": _plain("notice"),
    "banking_change": _banking_change,
    "access_request": _access_request,
    "access_review": _access_review,
    "organization_application": _application,
    "machine_account": _machine_account,
    "machine_account_renewal": _machine_renewal,
    "certification": _certification,
}


def test_every_registered_kind_is_walked():
    assert {kind.code for kind in registered_kinds()} <= set(BUILDERS)


def _offered(client, task: Task) -> set[str]:
    """The actions offered for `task` on its page and on the task list (each must agree)."""
    urls = {
        "accept": f'action="{reverse("tasks-accept", args=[task.pk])}"',
        "release": f'action="{reverse("tasks-release", args=[task.pk])}"',
        "approve": f'href="{reverse("tasks-approve", args=[task.pk])}"',
        "reject": f'href="{reverse("tasks-reject", args=[task.pk])}"',
    }
    detail = client.get(reverse("tasks-detail", args=[task.pk]))
    assert detail.status_code in (200, 404)
    page = detail.content.decode() if detail.status_code == 200 else ""
    listing = client.get(reverse("tasks"))
    assert listing.status_code == 200
    on_page = {action for action, marker in urls.items() if marker in page}
    on_list = {action for action, marker in urls.items() if marker in listing.content.decode()}
    # The list shows only the tasks still waiting for the person; where it shows one, it
    # offers what the page offers.
    if f'href="{reverse("tasks-detail", args=[task.pk])}"' in listing.content.decode():
        assert on_list == on_page
    else:
        assert not on_list
    return on_page


class _RolledBack(Exception):
    pass


def _would_accept(action: str, task: Task, actor) -> bool:
    """Whether the service does the action (and it changes something), undone afterwards."""
    fresh = Task.objects.get(pk=task.pk)
    if action == "accept" and fresh.accepted_by_id == actor.pk:
        return False  # accepting what you already hold is a harmless no-op, not an offer
    call = {
        "accept": lambda: services.accept_task(fresh, actor=actor),
        "release": lambda: services.release_task(fresh, actor=actor),
        "approve": lambda: services.approve_task(fresh, actor=actor, comment="Checked."),
        "reject": lambda: services.reject_task(fresh, actor=actor, comment="Not right."),
    }[action]
    try:
        with transaction.atomic():
            call()
            raise _RolledBack
    except _RolledBack:
        return True
    except DomainError:
        return False


def _accept_by_first_decider(task: Task, personas) -> None:
    for name in PERSONAS:
        if _would_accept("accept", task, getattr(personas, name)):
            services.accept_task(task, actor=getattr(personas, name))
            return
    pytest.fail(f"nobody may accept the {task.kind} task")


@pytest.mark.parametrize("state", ["open", "accepted"])
@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_what_the_pages_offer_is_what_the_service_allows(client, personas, kind, state):
    task = BUILDERS[kind](personas)
    assert task.kind == kind
    if state == "accepted":
        _accept_by_first_decider(task, personas)
    offered, allowed = {}, {}
    for name in PERSONAS:
        user = getattr(personas, name)
        client.force_login(user)
        offered[name] = _offered(client, task)
        allowed[name] = {a for a in ACTIONS if _would_accept(a, task, user)}
    assert offered == allowed
    assert any(allowed.values())  # somebody can act on every task

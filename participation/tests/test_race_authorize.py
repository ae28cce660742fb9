"""Two staff deciding at once (PostgreSQL, real threads): one returns a requirement while the
other authorizes. Both take the organization lock first, so one goes first and the other is
refused: never an authorized application with a requirement not accepted."""

import pytest

from core.testing import race
from participation import services
from participation.models import Application, Item
from participation.tests.helpers import BANK, probe_type

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _ready(personas) -> Application:
    app = services.start_application(
        personas.northwind, probe_type(), answers={}, actor=personas.bob
    )
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    services.submit_requirement(app, "contacts", actor=personas.bob)
    services.submit_application(app, actor=personas.bob)
    services.record_fee(
        app, "fee", data={"reference": "PAY-9", "amount": "1130"}, actor=personas.staff
    )
    services.accept_requirement(app, "bank", actor=personas.staff)
    services.accept_requirement(app, "contacts", actor=personas.staff)
    return app


def test_authorize_and_return_at_once_never_both(live_personas):
    for _ in range(3):
        app = _ready(live_personas)
        outcomes = race(
            lambda: services.authorize_application(
                app, effective_from="2027-01-01", actor=live_personas.staff
            ),
            lambda: services.return_requirement(
                app, "bank", reason="Wrong transit number.", actor=live_personas.staff
            ),
        )
        app.refresh_from_db()
        # Authorized first: the return finds it closed. Returned first: authorizing is refused.
        assert outcomes in (["application_closed", "done"], ["done", "requirements_not_accepted"])
        states = set(app.items.values_list("state", flat=True))
        if app.state == Application.State.AUTHORIZED:
            assert states == {Item.State.ACCEPTED}
        else:
            assert Item.State.RETURNED in states
        services.withdraw_application(app, actor=live_personas.bob)


def test_two_staff_authorizing_at_once_authorize_once(live_personas):
    app = _ready(live_personas)
    outcomes = race(
        lambda: services.authorize_application(
            app, effective_from="2027-01-01", actor=live_personas.staff
        ),
        lambda: services.authorize_application(
            app, effective_from="2027-02-01", actor=live_personas.staff
        ),
    )
    assert outcomes == ["done", "not_submitted"]
    assert (
        Application.objects.get(pk=app.pk).authorized_at is not None
        and live_personas.northwind.applications.filter(state="authorized").count() >= 1
    )

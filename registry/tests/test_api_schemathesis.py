"""Schemathesis fuzzes every operation of the live OpenAPI document, inside the suite, as
several personas, with all its response checks: no 500, every status and body documented.

The number of examples per operation is bounded (SCHEMATHESIS_MAX_EXAMPLES, default 4) so the
whole run stays within a couple of minutes on two cores; raise it for a deeper run.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from apitokens.tests.helpers import token_for
from config.wsgi import application

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "4"))

# Schema-valid input may still break a rule of the domain (409), fail the portal's own
# validation of telephone numbers and e-mails (422), or name something invisible (404).
CONFIG = SchemathesisConfig.from_str(
    f"""
[generation]
max-examples = {MAX_EXAMPLES}

[checks]
positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]
"""
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI application, whose request signals close old database
    connections; on PostgreSQL that would close the test's own transaction. Django's test
    client detaches the same handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The live document, served by the application itself (no server, no network).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


def _fuzzed_as(persona: str):
    @pytest.mark.django_db
    @schema.parametrize()
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    def test(case, personas):
        cache.clear()  # rate limits are part of the contract, but not of this test
        token = token_for(getattr(personas, persona), "schemathesis")
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"})

    return test


# A Primary Contact, a plain member, another organization's Primary Contact, operator staff.
# The PostgreSQL pass fuzzes as the Primary Contact only (engine-specific failures show there
# too); the SQLite pass fuzzes as all four, which keeps the whole suite within CI's budget.
test_every_operation_holds_its_contract_as_a_primary_contact = _fuzzed_as("alice")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    test_every_operation_holds_its_contract_as_a_plain_member = _fuzzed_as("erin")
    test_every_operation_holds_its_contract_as_another_organization = _fuzzed_as("frank")
    test_every_operation_holds_its_contract_as_operator_staff = _fuzzed_as("staff")

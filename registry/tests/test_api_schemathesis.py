"""Schemathesis fuzzes every operation of the live OpenAPI document, inside the suite, as
several personas, with every check at its default: no 500, every status and body documented,
every schema-valid request accepted (2xx, or 401/403/404/409/429: never a 422 for input the
document allows) and every schema-invalid request rejected.

The number of examples per operation is bounded (SCHEMATHESIS_MAX_EXAMPLES, default 4) so the
whole run stays within a couple of minutes on two cores; raise it for a deeper run.
"""

import os
import re

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from apitokens.tests.helpers import token_for
from config.wsgi import application
from documents.tests.files import JPEG, PNG, pdf_bytes

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "4"))


def _config(mode: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_str(
        f"""
[generation]
max-examples = {MAX_EXAMPLES}
mode = "{mode}"
"""
    )


def _telephones():
    """Numbers as people write them (the document's `tel` format): what the portal reads as a
    valid telephone number in the default region or with its country code."""
    return st.sampled_from(
        ["416-555-0100", "+1 416 555 0199", "(613) 555-0123", "+44 20 7946 0958", "905.555.0147"]
    )


schemathesis.openapi.format("tel", _telephones())
# Uploads the document says are accepted (its `encoding.contentType`): real files of each type.
schemathesis.openapi.media_type("application/pdf", st.just(pdf_bytes()))
schemathesis.openapi.media_type("image/png", st.just(PNG))
schemathesis.openapi.media_type("image/jpeg", st.just(JPEG))


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


# The live document, served by the application itself (no server, no network): schema-valid
# and schema-invalid requests, or schema-valid ones only (the cheaper pass for more personas).
SCHEMAS = {
    mode: schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=_config(mode))
    for mode in ("all", "positive")
}


UPLOAD = "POST /api/v1/organizations/{org_id}/documents"


def _drawn_against_the_document(case) -> bool:
    """Whether schemathesis drew a "valid" upload the document itself forbids. With a file
    part's `encoding.contentType` stated, schemathesis 4.32 draws the other parts of the form
    without their schema (an empty `purpose`, though it has minLength 1): such a request is
    not schema-valid, so whatever the server answers proves nothing either way."""
    if case.operation.label != UPLOAD or not case.meta or not case.meta.generation.mode.is_positive:
        return False
    purpose = (case.body or {}).get("purpose") if isinstance(case.body, dict) else None
    return not (isinstance(purpose, str) and re.fullmatch(r"[a-z][a-z0-9_]*", purpose))


# What the portal says of a telephone number written correctly that is no real number (no such
# area code, too few digits): the one constraint the document cannot state as a pattern.
NO_SUCH_NUMBER = (
    "That is not a valid telephone number.",
    "Enter a telephone number such as 416-555-0100",
)


def _no_such_telephone_number(response) -> bool:
    if response.status_code != 422:
        return False
    fields = response.json().get("fields") or {}
    return set(fields) == {"phone"} and all(
        message.startswith(NO_SUCH_NUMBER) for message in fields["phone"]
    )


def _fuzzed_as(persona: str, mode: str):
    @pytest.mark.django_db
    @SCHEMAS[mode].parametrize()
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    def test(case, personas):
        if _drawn_against_the_document(case):
            return
        cache.clear()  # rate limits are part of the contract, but not of this test
        token = token_for(getattr(personas, persona), "schemathesis")
        headers = {"Authorization": f"Bearer {token}"}
        response = case.call(headers=headers)
        if _no_such_telephone_number(response):
            return
        case.validate_response(response, headers=headers, transport_kwargs={"headers": headers})

    return test


# A Primary Contact (valid and invalid input), a plain member and operator staff (valid
# input), on both databases; another organization's Primary Contact on SQLite only.
test_every_operation_holds_its_contract_as_a_primary_contact = _fuzzed_as("alice", "all")
test_every_operation_holds_its_contract_as_a_plain_member = _fuzzed_as("erin", "positive")
test_every_operation_holds_its_contract_as_operator_staff = _fuzzed_as("staff", "positive")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    test_every_operation_holds_its_contract_as_another_organization = _fuzzed_as(
        "frank", "positive"
    )

"""The OpenAPI document is exact: each request body's schema is its own (two schemas of one name
would make one operation document the other's fields), and every pattern it states is the one
the server checks, readable by the clients that fuzz it (Python's `re`)."""

import re

import pytest
from ninja import Schema

from core.api import EMAIL_PATTERN, FILLED_TEXT, NAME_TEXT, SAFE_TEXT, SEARCH_TEXT
from core.forms import TELEPHONE_PATTERN, has_letter, written_as_telephone

pytestmark = pytest.mark.django_db


def _document(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_schemas_of_the_document_share_a_name(client):
    named = _document(client)["components"]["schemas"]
    by_name: dict[str, set[str]] = {}
    for cls in _subclasses(Schema):
        if cls.__name__ in named and not cls.__module__.startswith(("ninja", "pydantic")):
            by_name.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert not shared, f"Schemas the document would confuse: {shared}"


def test_each_operation_documents_its_own_body(client):
    document = _document(client)
    schemas = document["components"]["schemas"]
    token = document["paths"]["/api/v1/me/api-tokens"]["post"]["requestBody"]
    ref = token["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schemas[ref]["properties"]) >= {"name"}
    reset = document["paths"]["/api/v1/auth/password-reset/questions"]["post"]["requestBody"]
    ref = reset["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "token" in schemas[ref]["properties"]
    assert "name" not in schemas[ref]["properties"]


def _patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_every_pattern_of_the_document_is_one_python_reads(client):
    patterns = set(_patterns(_document(client)))
    assert NAME_TEXT in patterns and TELEPHONE_PATTERN in patterns and EMAIL_PATTERN in patterns
    for pattern in patterns:
        re.compile(pattern)


@pytest.mark.parametrize(
    "text, name, filled, safe",
    [
        ("Zoë", True, True, True),
        ("  Ng  ", True, True, True),
        ("1234", False, True, True),
        ("", False, False, True),
        ("   ", False, False, True),
        ("Al\x00ice", False, False, False),
        ("Al\u0085ice", False, False, False),
        ("李", True, True, True),
        ("_-_", False, True, True),
    ],
)
def test_the_text_patterns_say_what_the_forms_accept(text, name, filled, safe):
    assert bool(re.match(NAME_TEXT, text)) is name
    assert bool(re.match(FILLED_TEXT, text)) is filled
    assert bool(re.match(SAFE_TEXT, text)) is safe
    if safe:
        assert has_letter(text) is name


@pytest.mark.parametrize(
    "text, written",
    [
        ("416-555-0100", True),
        ("+44 20 7946 0958", True),
        ("(613) 555.0123", True),
        ("1-800-FLOWERS", False),
        ("416 555 0100 ext 5", False),
        ("+-", False),
    ],
)
def test_the_forms_read_a_telephone_written_as_people_write_them(text, written):
    assert bool(re.match(TELEPHONE_PATTERN, text)) is written
    assert written_as_telephone(text) is written


def test_the_search_pattern_needs_two_characters():
    assert re.match(SEARCH_TEXT, "Ng")
    assert not re.match(SEARCH_TEXT, " N ")
    assert re.match(SEARCH_TEXT, "500001")

"""The one error shape, {"detail", "code"} (+ "fields" for 422), for every kind of refusal."""

import pytest
from django.core.cache import cache
from django.test import Client

from registry.tests.api_helpers import API, as_persona, call
from registry.tests.helpers import holds

pytestmark = pytest.mark.django_db


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code and body["detail"].endswith(".")
    return body


def test_removing_the_last_primary_contact_is_409_last_holder(personas):
    response = call(
        as_persona(personas, "bob"),
        "DELETE",
        f"/organizations/{personas.northwind.org_id}/contacts/{personas.person('alice').person_id}/primary_contact",
    )
    body = _error(response, 409, "last_holder")
    assert "register another Primary Contact first" in body["detail"]
    assert holds(personas.person("alice"), personas.northwind, "primary_contact")


def test_registering_a_known_email_is_409_duplicate_person_naming_the_person_id(personas):
    response = call(
        as_persona(personas, "alice"),
        "POST",
        "/persons",
        {
            "first_name": "Al",
            "last_name": "Martin",
            "email": "ALICE@northwind.example",
            "phone": "4165550199",
            "organization_id": personas.northwind.org_id,
        },
    )
    assert (
        f"{personas.person('alice').person_id}"
        in _error(response, 409, "duplicate_person")["detail"]
    )


def test_adding_a_role_already_held_is_409_role_held(personas):
    response = call(
        as_persona(personas, "alice"),
        "POST",
        f"/organizations/{personas.northwind.org_id}/contacts",
        {"person_id": personas.person("alice").person_id, "role": "primary_contact"},
    )
    _error(response, 409, "role_held")


def test_another_organization_is_404_like_a_missing_one(personas):
    alice = as_persona(personas, "alice")
    hidden = _error(
        call(alice, "GET", f"/organizations/{personas.lakeshore.org_id}"), 404, "not_found"
    )
    missing = _error(call(alice, "GET", "/organizations/999999"), 404, "not_found")
    assert hidden["detail"].replace(f"{personas.lakeshore.org_id}", "N") == missing[
        "detail"
    ].replace("999999", "N")
    _error(
        call(alice, "GET", f"/persons/{personas.person('frank').person_id}"), 404, "not_found"
    )  # Frank shares no org


def test_not_signed_in_is_401(personas):
    response = Client().get(f"{API}/organizations")
    _error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_invalid_details_are_422_with_a_message_per_field(personas):
    response = call(
        as_persona(personas, "alice"), "PATCH", "/me", {"phone": "call me", "email": "x"}
    )
    body = _error(response, 422, "invalid")
    assert set(body["fields"]) == {"phone", "email"}
    assert all(isinstance(m, str) for msgs in body["fields"].values() for m in msgs)


def test_schema_errors_are_422_in_the_same_shape(personas):
    alice = as_persona(personas, "alice")
    body = _error(
        call(
            alice,
            "POST",
            f"/organizations/{personas.northwind.org_id}/contacts",
            {"person_id": "x", "zzz": 1},
        ),
        422,
        "invalid",
    )
    assert set(body["fields"]) == {"person_id", "role", "zzz"}
    assert body["fields"]["zzz"] == ["This field is not accepted here."]
    _error(
        call(alice, "GET", f"/organizations/{personas.northwind.org_id}/contacts?limit=0"),
        422,
        "invalid",
    )


def test_an_unknown_person_or_role_in_a_body_is_404_as_in_a_path(personas):
    alice = as_persona(personas, "alice")
    contacts = f"/organizations/{personas.northwind.org_id}/contacts"
    body = _error(
        call(alice, "POST", contacts, {"person_id": 599999, "role": "primary_contact"}),
        404,
        "not_found",
    )
    assert body["detail"] == "No person with ID 599999 is registered."
    erin = personas.person("erin").person_id
    body = _error(
        call(alice, "POST", contacts, {"person_id": erin, "role": "no_such_role"}), 404, "not_found"
    )
    assert "no_such_role" in body["detail"]


def test_a_body_that_is_not_json_is_422(personas):
    response = as_persona(personas, "alice").patch(
        f"{API}/me", data="{not json", content_type="application/json"
    )
    _error(response, 422, "invalid")


def test_a_body_that_is_not_declared_json_is_415(personas):
    response = as_persona(personas, "alice").patch(
        f"{API}/me", data="<job_title>x</job_title>", content_type="application/xml"
    )
    _error(response, 415, "unsupported_media_type")


def test_a_huge_body_is_413(personas):
    response = as_persona(personas, "alice").patch(
        f"{API}/me", data='{"job_title": "' + "x" * 70_000 + '"}', content_type="application/json"
    )
    _error(response, 413, "too_large")


def test_a_method_the_address_does_not_offer_is_405_with_allow(personas):
    response = as_persona(personas, "alice").put(f"{API}/organizations", data="")
    _error(response, 405, "method_not_allowed")
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_an_unknown_api_address_is_a_json_404(personas):
    _error(as_persona(personas, "alice").get(f"{API}/no/such/thing"), 404, "not_found")
    _error(Client().get(f"{API}/no/such/thing"), 404, "not_found")


def test_searching_too_often_is_429_with_retry_after(personas, settings):
    cache.clear()
    settings.API_RATE_LIMITS = {"search": "3/min"}
    alice = as_persona(personas, "alice")
    statuses = [call(alice, "GET", "/persons?q=Martin").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = call(alice, "GET", "/persons?q=Martin")
    _error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert call(as_persona(personas, "bob"), "GET", "/persons?q=Martin").status_code == 200
    cache.clear()


# --- Accept-Language: the shared error messages in Canadian French --------------------------


def test_errors_follow_accept_language(personas):
    french = {"HTTP_ACCEPT_LANGUAGE": "fr-CA,fr;q=0.9,en;q=0.5"}
    response = Client().get(f"{API}/organizations", **french)
    body = _error(response, 401, "not_authenticated")
    assert body["detail"].startswith("Connectez-vous ou envoyez un jeton d'API")
    assert response["Content-Language"] == "fr"
    body = _error(Client().get(f"{API}/no-such-thing", **french), 404, "not_found")
    assert body["detail"] == "Cette adresse d'API n'existe pas."
    # Without the header, or asking for English, the API answers in English.
    english = _error(Client().get(f"{API}/organizations"), 401, "not_authenticated")
    assert english["detail"].startswith("Sign in, or send an API token")
    asked = Client().get(f"{API}/organizations", HTTP_ACCEPT_LANGUAGE="en-CA")
    assert _error(asked, 401, "not_authenticated")["detail"] == english["detail"]


def test_a_token_clients_field_errors_follow_accept_language(personas):
    from apitokens.tests.helpers import bearer, token_for

    response = call(
        Client(),
        "POST",
        f"/organizations/{personas.northwind.org_id}/contacts",
        {"person_id": "x", "zzz": 1},
        HTTP_ACCEPT_LANGUAGE="fr",
        **bearer(token_for(personas.alice)),
    )
    body = _error(response, 422, "invalid")
    assert body["detail"] == "Certains renseignements sont à corriger."
    assert body["fields"]["zzz"] == ["Ce champ n'est pas accepté ici."]
    assert body["fields"]["role"] == ["Ce champ est obligatoire."]

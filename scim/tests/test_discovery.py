"""ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4): no token needed."""

import pytest

from scim.tests.helpers import Scim, assert_scim_error

pytestmark = pytest.mark.django_db


def test_service_provider_config_says_what_is_supported():
    body = Scim(None).get("ServiceProviderConfig").body
    assert body["schemas"] == ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]
    assert body["patch"]["supported"] is True and body["filter"]["supported"] is True
    assert body["bulk"]["supported"] is False
    assert body["authenticationSchemes"][0]["type"] == "oauthbearertoken"


def test_resource_types_and_schemas():
    scim = Scim(None)
    types = scim.get("ResourceTypes").body
    assert {t["id"] for t in types["Resources"]} == {"User", "Group"}
    assert scim.get("ResourceTypes/User").body["endpoint"] == "/Users"
    schemas = scim.get("Schemas").body
    user = "urn:ietf:params:scim:schemas:core:2.0:User"
    assert {s["id"] for s in schemas["Resources"]} == {
        user,
        "urn:ietf:params:scim:schemas:core:2.0:Group",
    }
    one = scim.get(f"Schemas/{user}").body
    assert "userName" in {a["name"] for a in one["attributes"]}
    assert_scim_error(scim.get("Schemas/urn:nope"), 404)
    assert_scim_error(scim.get("ResourceTypes/Printer"), 404)


def test_a_wrong_method_is_405_in_scim_words():
    assert_scim_error(Scim(None).post("ServiceProviderConfig", {}), 405)

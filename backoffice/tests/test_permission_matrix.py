"""Who may open each back-office page: (persona, method, url, expected status)."""

import pytest
from django.urls import reverse

from backoffice.tests.helpers import submit
from core.testing import DEMO

pytestmark = pytest.mark.django_db

ROWS = [
    # public
    ("anonymous", "get", "/register-organization/", 200),
    ("anonymous", "get", "/register-organization/sent/", 200),
    # staff pages: sign-in first; invisible to everyone else
    ("anonymous", "get", "/backoffice/applications/", 302),
    ("anonymous", "get", "/backoffice/coverage/", 302),
    ("alice", "get", "/backoffice/applications/", 404),
    ("alice", "get", "/backoffice/applications/{ref}/", 404),
    ("alice", "post", "/backoffice/applications/{ref}/approve/", 404),
    ("alice", "post", "/backoffice/applications/{ref}/reject/", 404),
    ("bob", "get", "/backoffice/coverage/", 404),
    (
        "bob",
        "get",
        f"/backoffice/organizations/{DEMO.northwind.org_id}/appoint-representative/",
        404,
    ),
    ("staff", "get", "/backoffice/applications/", 200),
    ("staff", "get", "/backoffice/applications/{ref}/", 200),
    ("staff", "get", "/backoffice/coverage/", 200),
    (
        "staff",
        "get",
        f"/backoffice/organizations/{DEMO.northwind.org_id}/appoint-representative/",
        200,
    ),
    ("staff", "get", "/backoffice/applications/{ref}/approve/", 405),
    # exports: staff, and the organization's PC / AR
    ("anonymous", "get", f"/organizations/{DEMO.northwind.org_id}/export/contacts.csv", 302),
    ("alice", "get", f"/organizations/{DEMO.northwind.org_id}/export/contacts.csv", 200),
    ("bob", "get", f"/organizations/{DEMO.northwind.org_id}/export/audit.csv", 200),
    ("staff", "get", f"/organizations/{DEMO.lakeshore.org_id}/export/audit.csv", 200),
    ("carol", "get", f"/organizations/{DEMO.northwind.org_id}/export/contacts.csv", 403),
    ("dave", "get", f"/organizations/{DEMO.northwind.org_id}/export/audit.csv", 403),
    ("erin", "get", f"/organizations/{DEMO.northwind.org_id}/export/audit.csv", 403),
    ("frank", "get", f"/organizations/{DEMO.northwind.org_id}/export/contacts.csv", 404),
    ("alice", "get", f"/organizations/{DEMO.lakeshore.org_id}/export/audit.csv", 404),
    ("alice", "post", f"/organizations/{DEMO.northwind.org_id}/export/audit.csv", 405),
]


@pytest.mark.parametrize("who, method, url, expected", ROWS)
def test_permission_matrix(client, personas, who, method, url, expected):
    if who != "anonymous":
        client.force_login(getattr(personas, who))
    if "{ref}" in url:
        url = url.format(ref=submit().reference)
    response = getattr(client, method)(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))

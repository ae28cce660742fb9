"""Exports of an organization's contacts and audit log (CSV, streamed)."""

import csv
import io
import tracemalloc

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from backoffice import services
from core.errors import Forbidden
from core.testing import DEMO

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_a_primary_contact_downloads_the_contacts(client, personas):
    client.force_login(personas.alice)
    response = client.get(reverse("backoffice-export-contacts", args=[personas.northwind.org_id]))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="contacts-{personas.northwind.org_id}.csv"' in response["Content-Disposition"]
    table = rows(response)
    assert table[0] == services.CONTACT_COLUMNS
    assert [
        f"{personas.person('alice').person_id}",
        "Alice",
        "Martin",
        "Director, Market Operations",
        "alice@northwind.example",
        "+14165550101",
        "Primary Contact",
        "",
    ] in table
    # the demo's section follows the persons, named in the last column
    assert table[-1] == [
        "",
        "",
        "",
        "",
        "settlements@northwind.example",
        "+14165550150",
        "Settlement Contact",
        "Settlements Desk",
    ]
    # one line per role held: alice, bob (twice: also Applicant Representative), carol, dave;
    # the desk
    assert len(table) == 1 + 5 + 1
    assert not any("lakeshore" in cell for row in table for cell in row)


def test_the_authorized_representative_and_staff_download_the_audit_log(client, personas):
    for user in [personas.bob, personas.staff]:
        client.force_login(user)
        response = client.get(reverse("backoffice-export-audit", args=[personas.northwind.org_id]))
        assert response.status_code == 200
        table = rows(response)
        assert table[0] == services.AUDIT_COLUMNS
        assert any("registered Alice Martin" in row[2] for row in table[1:])
        assert all("Lakeshore" not in row[2] for row in table[1:])


def test_a_member_without_the_role_is_refused(client, personas):
    for who in [personas.carol, personas.erin]:
        client.force_login(who)
        for name in ["backoffice-export-contacts", "backoffice-export-audit"]:
            assert client.get(reverse(name, args=[personas.northwind.org_id])).status_code == 403
    with pytest.raises(Forbidden):
        services.export_audit(personas.northwind, actor=personas.carol)


def test_another_organizations_records_are_not_found(client, personas):
    client.force_login(personas.frank)
    for name in ["backoffice-export-contacts", "backoffice-export-audit"]:
        assert client.get(reverse(name, args=[personas.northwind.org_id])).status_code == 404


def test_every_export_is_audited(client, personas):
    client.force_login(personas.alice)
    rows(client.get(reverse("backoffice-export-contacts", args=[personas.northwind.org_id])))
    entry = AuditEntry.objects.filter(action="organization.exported").get()
    assert (entry.actor_label, entry.org_id, entry.details) == (
        "Alice Martin",
        personas.northwind.org_id,
        {"what": "contacts"},
    )


def test_cells_that_look_like_formulas_are_neutralized(personas):
    AuditEntry.objects.create(
        actor_label='=HYPERLINK("http://evil")',
        org_id=personas.northwind.org_id,
        org_label="Northwind",
        action="x.y",
    )
    table = list(csv.reader(services.export_audit(personas.northwind, actor=personas.staff)))
    assert [r[1] for r in table if "HYPERLINK" in r[1]] == ['\'=HYPERLINK("http://evil")']


def _cells_as_a_semicolon_locale_reads_them(line: str) -> list[str]:
    """Where `;` is the list separator (French, German Excel), a spreadsheet splits each line
    on every `;` outside double quotes."""
    cells, cell, quoted = [], "", False
    for char in line:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            cells.append(cell)
            cell = ""
        else:
            cell += char
    return [*cells, cell]


def test_a_formula_behind_a_semicolon_is_neutralized_for_semicolon_spreadsheets(personas):
    AuditEntry.objects.create(
        actor_label="Alice;=HYPERLINK(A1)",
        org_id=personas.northwind.org_id,
        org_label="Northwind",
        action="x.y",
    )
    for line in services.export_audit(personas.northwind, actor=personas.staff):
        for cell in _cells_as_a_semicolon_locale_reads_them(line):
            assert not cell.strip().lstrip('"').startswith(("=", "+", "-", "@")), line
    table = list(csv.reader(services.export_audit(personas.northwind, actor=personas.staff)))
    assert "Alice;=HYPERLINK(A1)" in [r[1] for r in table]


def test_cells_starting_with_a_tab_or_carriage_return_are_prefixed(personas):
    for label in ("\t=1+2", "\r=1+2", "@SUM(A1)", "-2+3"):
        AuditEntry.objects.create(
            actor_label=label, org_id=personas.northwind.org_id, org_label="Northwind", action="x.y"
        )
    table = list(csv.reader(services.export_audit(personas.northwind, actor=personas.staff)))
    actors = {r[1] for r in table}
    assert {"'\t=1+2", "'\r=1+2", "'@SUM(A1)", "'-2+3"} <= actors


def _peak_while_streaming(org, actor) -> int:
    tracemalloc.start()
    try:
        lines = 0
        for _ in services.export_audit(org, actor=actor):
            lines += 1
        return tracemalloc.get_traced_memory()[1], lines
    finally:
        tracemalloc.stop()


def _add_entries(n: int) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_label="Load Test",
            org_id=DEMO.northwind.org_id,
            org_label="Northwind Power Corp.",
            action="load.test",
            details={"n": i, "reason": "x" * 100},
        )
        for i in range(n)
    )


def test_memory_does_not_grow_with_the_number_of_rows(personas):
    _add_entries(3000)
    small, small_lines = _peak_while_streaming(personas.northwind, personas.staff)
    _add_entries(27000)
    large, large_lines = _peak_while_streaming(personas.northwind, personas.staff)
    assert large_lines - small_lines == 27000 + 1  # + the first export's own audit entry
    # Ten times the rows; peak memory stays within the same chunk-sized bound.
    assert large < small * 2, (small, large)

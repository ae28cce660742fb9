"""Issue 22, finding 7: the audit chain resists someone who can write to the database. Hashes
are keyed with a secret kept outside it (a recomputed plain hash no longer verifies), and
heads exported earlier show a chain cut back with its head moved to match."""

import hashlib
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from audit.log import record
from audit.models import AuditChainHead, AuditEntry, hash_entry, sha256_entry
from audit.triggers import lifted
from core.checks import audit_key as audit_key_check

pytestmark = pytest.mark.django_db


def _three_entries(personas) -> list[AuditEntry]:
    return [
        record(personas.alice, "test.step", org=personas.northwind, details={"n": n})
        for n in range(3)
    ]


def _write(sql: str, params: list) -> None:
    """What a database writer does, with the triggers out of the way."""
    with lifted(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_row_rewritten_with_a_recomputed_plain_hash_is_detected(personas):
    entries = _three_entries(personas)
    newest = entries[-1]
    newest.details = {"n": 99}
    forged = sha256_entry(newest)  # what anyone without the key can compute
    _write(
        "UPDATE audit_auditentry SET details = %s, row_hash = %s WHERE id = %s",
        ['{"n": 99}', forged, newest.pk],
    )
    AuditChainHead.objects.filter(chain=newest.chain).update(last_hash=forged)
    with pytest.raises(CommandError, match=f"Audit entry {newest.pk} .* its content"):
        call_command("verify_audit")


def test_the_hash_is_an_hmac_with_the_key_kept_outside_the_database(personas, settings):
    entry = _three_entries(personas)[0]
    assert entry.row_hash == hash_entry(entry)
    assert entry.row_hash != sha256_entry(entry)
    settings.AUDIT_HMAC_KEY = "another key altogether"
    assert hash_entry(entry) != entry.row_hash
    with pytest.raises(CommandError, match="does not match"):
        call_command("verify_audit")


def test_cutting_a_chain_back_and_moving_its_head_is_detected_against_exported_heads(
    personas, tmp_path
):
    entries = _three_entries(personas)
    exported = tmp_path / "heads.json"
    call_command("verify_audit", export_heads=str(exported))
    newest, before = entries[-1], entries[-2]
    _write("DELETE FROM audit_auditentry WHERE id = %s", [newest.pk])
    AuditChainHead.objects.filter(chain=newest.chain).update(
        last_hash=before.row_hash, last_entry_id=before.pk, entries=F("entries") - 1
    )
    call_command("verify_audit")  # the chain itself is consistent: only the anchor knows
    with pytest.raises(
        CommandError,
        match=f"Chain org:{personas.northwind.org_id} was truncated: entry {newest.pk}",
    ):
        call_command("verify_audit", against=str(exported))


def test_entries_appended_after_the_export_are_fine(personas, tmp_path, capsys):
    _three_entries(personas)
    exported = tmp_path / "heads.json"
    call_command("verify_audit", export_heads=str(exported))
    _three_entries(personas)
    call_command("verify_audit", against=str(exported))
    assert "consistent with" in capsys.readouterr().out


def test_heads_can_be_exported_as_a_log_line(personas, capsys):
    _three_entries(personas)
    call_command("verify_audit", export_heads="-")
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("audit-heads "))
    assert f'"org:{personas.northwind.org_id}":[' in line


def test_production_without_an_audit_key_is_a_check_error(settings):
    settings.DEBUG, settings.TESTING, settings.AUDIT_HMAC_KEY = False, False, ""
    [error] = audit_key_check(None)
    assert error.id == "audit.E001" and "AUDIT_HMAC_KEY is not set" in error.msg
    settings.AUDIT_HMAC_KEY = "a long random secret"
    assert audit_key_check(None) == []


def _as_the_unkeyed_release_wrote_them() -> None:
    last: dict[str, str] = {}
    with lifted(connection), connection.cursor() as cursor:
        for entry in AuditEntry.objects.order_by("id"):
            entry.prev_hash = last.get(entry.chain, "")
            entry.row_hash = sha256_entry(entry)
            cursor.execute(
                "UPDATE audit_auditentry SET prev_hash = %s, row_hash = %s WHERE id = %s",
                [entry.prev_hash, entry.row_hash, entry.pk],
            )
            last[entry.chain] = entry.row_hash
    for chain, value in last.items():
        AuditChainHead.objects.filter(chain=chain).update(last_hash=value)


def test_the_migration_rekeys_chains_written_unkeyed_and_refuses_a_broken_one(personas):
    import importlib

    from django.apps import apps

    rekey = importlib.import_module("audit.migrations.0004_keyed_chains").rekey
    editor = SimpleNamespace(connection=connection)
    entries = _three_entries(personas)
    _as_the_unkeyed_release_wrote_them()
    with pytest.raises(CommandError):
        call_command("verify_audit")  # unkeyed hashes no longer count
    rekey(apps, editor)
    call_command("verify_audit")
    assert AuditEntry.objects.get(pk=entries[0].pk).row_hash == entries[0].row_hash

    _as_the_unkeyed_release_wrote_them()
    _write(
        "UPDATE audit_auditentry SET row_hash = %s WHERE id = %s",
        [hashlib.sha256(b"x").hexdigest(), entries[1].pk],
    )
    with pytest.raises(RuntimeError, match=f"Audit entry {entries[1].pk} .* does not verify"):
        rekey(apps, editor)

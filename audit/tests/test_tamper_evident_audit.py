import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit.log import record
from audit.models import AuditEntry
from audit.verify import verify_chains
from registry import services
from registry.tests.helpers import role


def _drop_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_no_update")
        else:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")


@pytest.mark.django_db
def test_entries_of_one_organization_are_chained(personas):
    services.add_contact(
        personas.northwind, personas.person("erin"), role("primary_contact"), actor=personas.alice
    )
    first, second = AuditEntry.objects.filter(org_id=personas.northwind.org_id).order_by("-id")[:2][
        ::-1
    ]
    assert second.prev_hash == first.row_hash
    assert second.row_hash == second.compute_hash()
    assert verify_chains()[1] is None


@pytest.mark.django_db
def test_the_orm_refuses_to_change_or_delete_entries(personas):
    entry = AuditEntry.objects.first()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db
def test_the_database_refuses_raw_updates_and_deletes(personas):
    entry_id = AuditEntry.objects.first().pk
    for sql in [
        "UPDATE audit_auditentry SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ]:
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry_id])
    assert AuditEntry.objects.filter(pk=entry_id).exists()


@pytest.mark.django_db
def test_verify_audit_names_the_first_row_edited_behind_the_applications_back(personas):
    call_command("verify_audit")
    target = AuditEntry.objects.filter(org_id=personas.northwind.org_id).order_by("id")[2]
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET target_label = 'Mallory' WHERE id = %s", [target.pk]
        )
    with pytest.raises(CommandError, match=f"Audit entry {target.pk} "):
        call_command("verify_audit")


@pytest.mark.django_db
def test_removing_an_entry_breaks_the_chain_at_the_next_one(personas):
    entries = list(AuditEntry.objects.filter(org_id=personas.northwind.org_id).order_by("id")[:3])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_no_delete")
        else:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    _, broken = verify_chains()
    assert broken is not None and broken.entry_id == entries[2].pk


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain_linked(live_personas):
    org = live_personas.northwind
    barrier = threading.Barrier(4)

    def write(n: int):
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    record(
                        live_personas.alice, "test.concurrent", org=org, details={"n": n, "i": i}
                    )
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked, broken = verify_chains()
    assert broken is None
    assert AuditEntry.objects.filter(action="test.concurrent").count() == 40

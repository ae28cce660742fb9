"""Re-key the audit chains with HMAC (issue 22, finding 7): each chain is first verified with
the unkeyed SHA-256 it was written with, then every hash is recomputed with AUDIT_HMAC_KEY.
A chain that does not verify stops the migration: a tampered log is not laundered."""

from django.db import migrations


def rekey(apps, schema_editor):
    from audit.models import hash_entry, sha256_entry
    from audit.triggers import lifted

    Entry = apps.get_model("audit", "AuditEntry")
    Head = apps.get_model("audit", "AuditChainHead")
    if not Entry.objects.exists():
        return
    old_last: dict[str, str] = {}
    new_last: dict[str, tuple[str, int]] = {}
    table = Entry._meta.db_table
    with lifted(schema_editor.connection), schema_editor.connection.cursor() as cursor:
        for entry in Entry.objects.order_by("id").iterator(chunk_size=2000):
            if entry.prev_hash != old_last.get(entry.chain, "") or (
                sha256_entry(entry) != entry.row_hash
            ):
                raise RuntimeError(
                    f"Audit entry {entry.pk} (chain {entry.chain}) does not verify; run "
                    "manage.py verify_audit on the previous release before migrating."
                )
            old_last[entry.chain] = entry.row_hash
            entry.prev_hash = new_last.get(entry.chain, ("", 0))[0]
            entry.row_hash = hash_entry(entry)
            cursor.execute(
                f"UPDATE {table} SET prev_hash = %s, row_hash = %s WHERE id = %s",  # noqa: S608
                [entry.prev_hash, entry.row_hash, entry.pk],
            )
            new_last[entry.chain] = (entry.row_hash, entry.pk)
    for chain, (last_hash, last_id) in new_last.items():
        Head.objects.update_or_create(
            chain=chain, defaults={"last_hash": last_hash, "last_entry_id": last_id}
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_triggers")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]

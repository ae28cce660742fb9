from django.db import migrations


def seed(apps, schema_editor):
    # The catalogue's new rows only (get_or_create): the Applicant Representative, added and
    # removed by Authorized Representatives.
    from registry.catalogue import ensure_role_types

    ensure_role_types(apps.get_model("registry", "RoleType"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_sections")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

from django.db import migrations


def seed(apps, schema_editor):
    from registry.catalogue import ensure_role_types

    ensure_role_types(apps.get_model("registry", "RoleType"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

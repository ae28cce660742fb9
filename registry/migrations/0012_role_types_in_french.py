"""The French of the catalogue's seeded entries (issue 20), where staff have written none."""

from django.db import migrations


def write(apps, schema_editor):
    from core.bilingual import write_french
    from registry.catalogue import FRENCH

    write_french(apps.get_model("registry", "RoleType"), FRENCH)


class Migration(migrations.Migration):
    dependencies = [("registry", "0011_roletype_description_fr_roletype_name_fr")]
    operations = [migrations.RunPython(write, migrations.RunPython.noop)]

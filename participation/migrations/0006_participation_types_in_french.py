"""The French of the catalogue's seeded entries (issue 20), where staff have written none."""

from django.db import migrations


def write(apps, schema_editor):
    from core.bilingual import write_french
    from participation.catalogue import FRENCH

    write_french(apps.get_model("participation", "ParticipationType"), FRENCH)


class Migration(migrations.Migration):
    dependencies = [("participation", "0005_participationtype_description_fr_and_more")]
    operations = [migrations.RunPython(write, migrations.RunPython.noop)]

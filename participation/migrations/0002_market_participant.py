from django.db import migrations


def seed(apps, schema_editor):
    # The Market Participant type and its requirements (participation/catalogue.py).
    from participation.catalogue import ensure_participation_types

    ensure_participation_types(
        apps.get_model("participation", "ParticipationType"),
        apps.get_model("participation", "Requirement"),
        apps.get_model("registry", "RoleType"),
    )


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial"), ("registry", "0009_applicant_representative")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

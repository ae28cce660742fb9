from django.db import migrations

# The seeded instructions said "(PDF)" while a PDF, PNG or JPEG is accepted (the upload's
# hint says which); rows staff have since reworded are left alone.
OLD_TO_NEW = {
    "Upload the organization's licence from the provincial energy board (PDF).": (
        "Upload the organization's licence from the provincial energy board."
    ),
    "Upload the permit issued for trading or exporting energy (PDF).": (
        "Upload the permit issued for trading or exporting energy."
    ),
    "Upload the letter of credit or guarantee that secures the organization's market "
    "obligations (PDF).": (
        "Upload the letter of credit or guarantee that secures the organization's market "
        "obligations."
    ),
    "Upload the organization's emergency preparedness plan (PDF).": (
        "Upload the organization's emergency preparedness plan."
    ),
}


def reword(apps, schema_editor):
    Requirement = apps.get_model("participation", "Requirement")
    for old, new in OLD_TO_NEW.items():
        Requirement.objects.filter(instructions=old).update(instructions=new)


class Migration(migrations.Migration):
    dependencies = [("participation", "0003_item_document")]
    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]

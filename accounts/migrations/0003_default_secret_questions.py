from django.db import migrations

# The operator's starting list; operator staff edit it in the back office.
QUESTIONS = [
    "What was the name of your first pet?",
    "In what city were you born?",
    "What is your favourite colour?",
    "What was the name of your first school?",
    "What is the middle name of your oldest sibling?",
    "What was the make of your first car?",
    "In what city did your parents meet?",
    "What was your childhood nickname?",
]


def add_questions(apps, schema_editor):
    SecretQuestion = apps.get_model("accounts", "SecretQuestion")
    for position, text in enumerate(QUESTIONS):
        SecretQuestion.objects.get_or_create(text=text, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_secret_questions_links_invitations")]

    operations = [migrations.RunPython(add_questions, migrations.RunPython.noop)]

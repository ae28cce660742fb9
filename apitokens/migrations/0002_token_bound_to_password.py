from django.db import migrations, models


def bind_existing_tokens(apps, schema_editor):
    """Tokens made before this migration are bound to their account's current password."""
    from apitokens.models import password_binding

    ApiToken = apps.get_model("apitokens", "ApiToken")
    for token in ApiToken.objects.filter(user__isnull=False).select_related("user"):
        token.bound_to = password_binding(token.user.password)
        token.save(update_fields=["bound_to"])


class Migration(migrations.Migration):
    dependencies = [
        ("apitokens", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="bound_to",
            field=models.CharField(
                blank=True,
                help_text="Personal tokens: the account's password binding when the token was made.",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="two_factor_verified",
            field=models.BooleanField(
                default=False, help_text="Made in a session verified with the second factor."
            ),
        ),
        migrations.RunPython(bind_existing_tokens, migrations.RunPython.noop),
    ]

"""Configuration checks: accepted types the portal knows, and a key in production."""

from django.conf import settings
from django.core import checks

from documents.types import KNOWN_TYPES


@checks.register(checks.Tags.security)
def documents_configuration(app_configs, **kwargs):
    problems = []
    unknown = [m for m in settings.DOCUMENTS_ACCEPTED_TYPES if m not in KNOWN_TYPES]
    if unknown:
        problems.append(
            checks.Error(
                f"DOCUMENTS_ACCEPTED_TYPES names types the portal cannot recognise: "
                f"{', '.join(unknown)}. Known: {', '.join(KNOWN_TYPES)}.",
                id="documents.E001",
            )
        )
    return problems


@checks.register(checks.Tags.security, deploy=True)
def documents_key(app_configs, **kwargs):
    if not settings.DOCUMENTS_KEY:
        return [
            checks.Error(
                "DOCUMENTS_KEY is not set: uploaded documents cannot be encrypted at rest.",
                hint="Set DOCUMENTS_KEY (or DOCUMENTS_KEY_FILE) to 32 random bytes, base64.",
                id="documents.E002",
            )
        ]
    return []

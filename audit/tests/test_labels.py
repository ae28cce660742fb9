"""What an audit entry is about is stored in English and read in the reader's language."""

import pytest
from django.utils import translation

from audit import labels
from audit.models import AuditEntry
from audit.sentences import describe
from core.text import sentence
from registry import services
from registry.models import Section


def _values(template: str) -> dict[str, str]:
    import string

    names = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    return {name: f"Value {i} of {name}" for i, name in enumerate(names)}


@pytest.mark.parametrize(
    "kind, template",
    [(kind, t) for kind, found in labels.templates().items() for t in found],
)
def test_every_label_is_stored_in_english_and_reads_in_french(kind, template):
    values = _values(template)
    with translation.override("fr"):
        stored = labels.english(template, **values)  # a French reader's request
    assert stored == template.format(**values)
    with translation.override("en"):
        assert labels.read(kind, stored) == stored
    with translation.override("fr"):
        french = labels.read(kind, stored)
        assert french == sentence(translation.gettext(template), **values)
        assert all(value in french for value in values.values())


def test_the_french_label_keeps_a_value_that_looks_like_the_template():
    with translation.override("fr"):
        read = labels.read("section", "the section the section Control Room")
    assert read == "la section the section Control Room"


def test_a_label_no_template_matches_reads_as_it_was_stored():
    with translation.override("fr"):
        assert labels.read("section", "Control Room") == "Control Room"
        assert labels.read("organization", "Northwind Power Corp. (10001)") == (
            "Northwind Power Corp. (10001)"
        )


@pytest.mark.django_db
def test_a_section_removed_reads_in_french_and_is_stored_in_english(personas):
    section = services.create_section(
        personas.northwind,
        data={
            "name": "Control Room",
            "email": "control@northwind.example",
            "phone": "416 555 0160",
            "roles": ["emergency_preparedness_contact"],
        },
        actor=personas.alice,
    )
    with translation.override("fr"):
        services.delete_section(Section.objects.get(pk=section.pk), actor=personas.alice)
    entry = AuditEntry.objects.filter(action="section.deleted").latest("pk")
    assert entry.target_label == "the section Control Room"
    with translation.override("en"):
        assert describe(entry) == (
            "Alice Martin removed the section Control Room of Northwind Power Corp."
        )
    with translation.override("fr"):
        text = describe(entry)
    assert "la section Control Room" in text and "the section" not in text

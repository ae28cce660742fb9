"""The audit log's stored English target labels read in the reader's language (issue 20)."""

from django.utils import translation

from audit.models import AuditEntry
from audit.sentences import describe


def _entry(action: str, target_type: str, label: str) -> AuditEntry:
    return AuditEntry(
        action=action,
        actor_label="Dave Okafor",
        org_label="Northwind Power Corp.",
        target_type=target_type,
        target_label=label,
        details={"system_name": "Metering Data", "level": "submit"},
    )


def test_a_machine_account_and_a_section_are_named_in_french_for_a_french_reader():
    machine = _entry(
        "machine_account.requested", "machine_account", "the machine account “Uploader”"
    )
    section = _entry("section.created", "section", "the section Settlements Desk")
    with translation.override("fr"):
        assert "le compte machine «\u00a0Uploader\u00a0»" in describe(machine)
        assert "la section Settlements Desk" in describe(section)
        assert "the " not in describe(machine) + describe(section)
    with translation.override("en"):
        assert "the machine account “Uploader”" in describe(machine)
        assert "the section Settlements Desk" in describe(section)


def test_a_label_not_written_the_usual_way_is_shown_as_stored():
    entry = _entry("section.created", "section", "Settlements Desk")
    with translation.override("fr"):
        assert "Settlements Desk" in describe(entry)

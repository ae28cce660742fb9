"""Audit sentences (the News and audit log lines) built by the one sentence builder."""

from audit.models import AuditEntry
from audit.sentences import describe


def entry(action: str, **labels: str) -> AuditEntry:
    return AuditEntry(action=action, outcome=AuditEntry.Outcome.DONE, details={}, **labels)


def test_a_sentence_ending_in_an_organization_name_has_one_full_stop():
    text = describe(
        entry(
            "member.added",
            actor_label="Alice Martin",
            target_label="Erin Walsh",
            org_label="Northwind Power Corp.",
        )
    )
    assert text == "Alice Martin added Erin Walsh to Northwind Power Corp."


def test_a_refusal_keeps_one_full_stop_before_its_reason():
    refused = entry(
        "member.removed",
        actor_label="Erin Walsh",
        target_label="Bob Chen",
        org_label="Northwind Power Corp.",
    )
    refused.outcome = AuditEntry.Outcome.REFUSED
    refused.details = {"reason": "You may not remove members."}
    assert ".." not in describe(refused)

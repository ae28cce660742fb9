"""The audit vocabulary: every code the code base can write has a sentence for when it
happened and one for when it was refused, so no audit line or CSV row reads like a code."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from audit import actions
from audit.models import AuditEntry
from audit.sentences import describe

ROOT = Path(settings.BASE_DIR)
CODE = r'"([a-z_]+(?:\.[a-z_]+)+)"'
# Where a code is written: @service("..."), record(actor, "...", ...), action="..." handed to
# a helper that records it, and "a" if ... else "b" choosing between two.
WRITERS = [
    r"@service\(\s*" + CODE,
    r"\brecord(?:_refusal)?\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*" + CODE,
    r"\baction\s*=\s*" + CODE,
    CODE + r"\s+if\s+[^\"\n]+\s+else\s+" + CODE,
]
# Codes built at run time from a state: every state they can take.
BUILT = [f"task.{s}" for s in ("approved", "rejected", "cancelled", "expired", "reminded")]
BUILT += ["task.escalated", "access_review.completed", "access_review.lapsed"]
SKIP = {".venv", "tests", "migrations", "security_tests", "tests_a11y", "bench", "node_modules"}


def written_codes() -> set[str]:
    codes = set(BUILT)
    for path in ROOT.rglob("*.py"):
        if SKIP & set(path.relative_to(ROOT).parts):
            continue
        text = path.read_text()
        for pattern in WRITERS:
            for match in re.finditer(pattern, text):
                codes.update(g for g in match.groups() if g)
    return codes


def test_the_scan_finds_the_code_bases_codes():
    codes = written_codes()
    assert {"contact.remove", "contact.removed", "task.approved", "api_token.revoked"} <= codes
    assert len(codes) > 100


@pytest.mark.parametrize("code", sorted(written_codes()))
def test_every_code_the_code_base_writes_has_both_sentences(code):
    action = actions.get(code)  # UnknownAction: register it in its app's actions.py
    for outcome in (AuditEntry.Outcome.DONE, AuditEntry.Outcome.REFUSED):
        entry = AuditEntry(
            action=code,
            outcome=outcome,
            actor_label="Bob Chen",
            target_label="Alice Martin",
            org_label="Northwind Power Corp.",
            details={
                "reason": "Only a Primary Contact can do this.",
                "role_name": "Primary Contact",
            },
        )
        text = describe(entry)
        assert code not in text and "{" not in text, text
        assert text[0].isupper() and text.rstrip("”").endswith("."), text
    assert action.done and action.attempt


def test_a_refusal_names_what_was_tried_and_why():
    entry = AuditEntry(
        action="contact.remove",
        outcome=AuditEntry.Outcome.REFUSED,
        actor_label="Bob Chen",
        target_label="Alice Martin",
        org_label="Northwind Power Corp.",
        details={"reason": "Alice Martin is the only Primary Contact of Northwind Power Corp."},
    )
    assert describe(entry) == (
        "Bob Chen tried to remove Alice Martin as a contact of Northwind Power Corp. and was "
        "refused: Alice Martin is the only Primary Contact of Northwind Power Corp."
    )

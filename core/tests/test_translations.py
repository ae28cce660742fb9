"""The French catalogues are complete and current: every string the code marks is in the
catalogue of its app (<app>/locale/fr/LC_MESSAGES/django.po; the project's own templates and the
apps without one in locale/fr/LC_MESSAGES/django.po), translated, and nothing there is fuzzy or
obsolete.

`scripts/messages.sh` (`make messages`) is run in a copy of the project, so that the check
never writes into the working tree; what it gives must be what the repository holds."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale/fr/LC_MESSAGES/django.po")


def catalogues(root: Path) -> list[Path]:
    """Every French catalogue under `root`, relative to it: the project's and each app's."""
    return [CATALOGUE] + sorted(
        path.relative_to(root) for path in root.glob("*/locale/fr/LC_MESSAGES/django.po")
    )


SKIPPED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "test-artifacts",
    "private",
    "sent-mail",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "*.sqlite3*",
    "*.mo",
    "results",
)

# CI installs gettext (.ci/run): there, its absence fails the check instead of skipping it.
pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None and os.environ.get("CI") != "true",
    reason="needs Debian's gettext (apt-get install gettext)",
)


def entries(text: str) -> dict[tuple, tuple]:
    """(msgctxt, msgid, msgid_plural) -> (flags, msgstrs), the header and locations left out."""
    found = {}
    for block in text.strip().split("\n\n"):
        fields: dict[str, str] = {}
        flags: set[str] = set()
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#~"):
                fields["obsolete"] = "yes"
            elif match := re.match(
                r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line
            ):
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid", "") == "" and "obsolete" not in fields:
            continue  # the header
        strs = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr"))
        ident = (fields.get("msgctxt"), fields.get("msgid"), fields.get("msgid_plural"))
        found[ident] = (
            frozenset(flags - {"python-format", "python-brace-format"}),
            strs,
            "obsolete" in fields,
        )
    return found


@pytest.mark.parametrize("catalogue", catalogues(ROOT), ids=str)
def test_every_entry_has_its_french_and_none_is_fuzzy(catalogue):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(ROOT / catalogue)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    stats = result.stderr.strip()
    assert "untranslated" not in stats and "fuzzy" not in stats, stats
    problems = [
        ident
        for ident, (flags, strs, obsolete) in entries((ROOT / catalogue).read_text()).items()
        if obsolete or "fuzzy" in flags or not all(strs)
    ]
    assert not problems, problems


def test_the_catalogue_holds_every_marked_string_and_no_other(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIPPED, symlinks=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("DATABASE_URL", None)  # makemessages touches no database
    result = subprocess.run(
        ["bash", "scripts/messages.sh", str(copy)],
        cwd=copy,
        env={**env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert catalogues(copy) == catalogues(ROOT), "a catalogue is missing from the repository"
    stale = []
    for catalogue in catalogues(ROOT):
        kept = entries((ROOT / catalogue).read_text())
        fresh = entries((copy / catalogue).read_text())
        missing = sorted(str(k) for k in fresh.keys() - kept.keys())
        gone = sorted(str(k) for k in kept.keys() - fresh.keys())
        changed = sorted(str(k) for k in fresh.keys() & kept.keys() if fresh[k] != kept[k])
        if missing or gone or changed:
            stale.append(
                f"{catalogue}:\nNot in the catalogue: {missing}\n"
                f"No longer in the code: {gone}\nChanged: {changed}"
            )
    assert not stale, (
        "A French catalogue is stale: run `make messages`, translate what is new "
        "(docs/glossary-fr.md) and commit the catalogue.\n" + "\n".join(stale)
    )

"""The Nu Html Checker (vnu.jar from npm's vnu-jar, installed by scripts/vnu.sh into .cache/):
validates the HTML of the pages the axe suite visits, all of a test's pages in one Java run."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = Path(os.environ.get("VNU_JAR", ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))


def missing() -> str:
    """Why the validator cannot run here, or "" when it can."""
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless)"
    if not JAR.exists():
        return f"{JAR} is missing (bash scripts/vnu.sh installs it)"
    return ""


def validate(pages: dict[str, str]) -> dict[str, list[dict]]:
    """Each page's HTML errors, by page name: {name: [{line, message, extract}]}."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number:03}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        run = subprocess.run(  # noqa: S603 (our own files, a fixed command)
            ["java", "-jar", str(JAR), "--errors-only", "--format", "json", "--exit-zero-always"]
            + [str(Path(folder) / file) for file in names],
            capture_output=True,
            text=True,
            timeout=300,
        )
    report = json.loads(run.stderr or run.stdout)  # vnu writes its JSON report to stderr
    found: dict[str, list[dict]] = {}
    for message in report["messages"]:
        name = names.get(message.get("url", "").rsplit("/", 1)[-1], "(the validator itself)")
        found.setdefault(name, []).append(
            {
                "line": message.get("lastLine"),
                "message": message.get("message", ""),
                "extract": (message.get("extract") or "").strip(),
            }
        )
    return found

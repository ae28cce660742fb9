"""A name that starts with an underscore is private to its module: no other module of the
application imports it or reaches for it (issue 16, "private helpers cross apps"). What two
modules share gets a public name in a module of its own (e.g. `systems/grants.py`)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {"bench", "examples", "scripts", ".venv", "node_modules"}


def _first_party() -> set[str]:
    return {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in SKIP}


def _application_files():
    for app in sorted(_first_party()):
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if {"tests", "migrations", "security_tests"} & set(parts) or parts[-1] == "testing.py":
                continue
            yield path


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_reaches() -> list[str]:
    apps = _first_party()
    found = []
    for path in _application_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        modules = {}  # local name -> first-party module imported as a whole
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] not in apps:
                    continue
                for alias in node.names:
                    if _private(alias.name):
                        found.append(f"{path.relative_to(ROOT)}: {node.module}.{alias.name}")
                    elif _is_module(f"{node.module}.{alias.name}"):
                        modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in apps and alias.asname:
                        modules[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
            ):
                found.append(f"{path.relative_to(ROOT)}: {modules[node.value.id]}.{node.attr}")
    return sorted(set(found))


def test_no_module_uses_another_modules_private_names():
    assert private_reaches() == []

"""Count the pairs of first-party apps that import each other (issue 16, "Cycles").

Usage: .venv/bin/python scripts/import_pairs.py [--all]
Prints each pair of apps where A imports B and B imports A (tests included or not: tests are
left out unless --tests), then the count; --all also lists every one-way app-to-app arrow.
Lazy imports inside functions count: grimp reads every import statement.
"""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APPS = sorted(
    p.name
    for p in ROOT.iterdir()
    if (p / "__init__.py").exists() and p.name not in {"bench", "examples", "scripts"}
)


def app_of(module: str) -> str:
    return module.split(".")[0]


def is_test(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or "testing" in parts or parts[-1].startswith("test_")


def arrows(include_tests: bool = False) -> set[tuple[str, str]]:
    graph = grimp.build_graph(*APPS, include_external_packages=False)
    found = set()
    for module in graph.modules:
        if not include_tests and is_test(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if not include_tests and is_test(imported):
                continue
            a, b = app_of(module), app_of(imported)
            if a != b:
                found.add((a, b))
    return found


def main() -> None:
    include_tests = "--tests" in sys.argv
    found = arrows(include_tests)
    pairs = sorted({tuple(sorted(p)) for p in found if (p[1], p[0]) in found})
    if "--all" in sys.argv:
        for a, b in sorted(found):
            print(f"{a} -> {b}")
        print()
    for a, b in pairs:
        print(f"{a} <-> {b}")
    print(f"{len(pairs)} pairs of apps import each other ({len(found)} app-to-app arrows)")


if __name__ == "__main__":
    main()

"""No two modules of the code base import each other (issue 16, "Cycles"): a lower module that
imports a higher one lazily, inside a function, is a cycle all the same (grimp reads every
import statement). Between apps, import-linter's layers contract in `make lint` says it; this is
the same rule inside each app."""

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(
    p.name
    for p in ROOT.iterdir()
    if (p / "__init__.py").exists() and p.name not in {"bench", "examples", "scripts"}
)

# Each one a pair still to untangle, with why it is there.
KNOWN = {
    # A delivery that keeps failing disables its webhook through the audited service, and the
    # services queue deliveries: the delivery loop and the queueing share `dispatch`.
    ("integrations.dispatch", "integrations.services"),
}


def _is_test(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or "testing" in parts or parts[-1].startswith("test_")


def mutual_pairs() -> set[tuple[str, str]]:
    graph = grimp.build_graph(*APPS, include_external_packages=False)
    pairs = set()
    for module in graph.modules:
        if _is_test(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported == module or _is_test(imported):
                continue
            if module in graph.find_modules_directly_imported_by(imported):
                pairs.add(tuple(sorted((module, imported))))
    return pairs


def test_no_two_modules_import_each_other():
    assert mutual_pairs() - KNOWN == set()


def test_audit_models_do_not_import_the_sentences():
    # The model is the lower of the two: sentences read entries, entries do not speak.
    graph = grimp.build_graph("audit", include_external_packages=False)
    assert "audit.sentences" not in graph.find_modules_directly_imported_by("audit.models")

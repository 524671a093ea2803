"""The package's stages import only downstream of the data flow: a map of the house, checked.

Data flows one way: seed texts and annotations (curation) -> the finder, which audits and drafts
them -> the built dataset and its loaders -> what reads a built package (publish, explore,
docsgen) -> the command line.  Inside a stage, modules are listed in the order data passes
through them, and a module imports only those before it.  Lazy imports inside functions count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import moroccodigital

PACKAGE = Path(moroccodigital.__file__).parent

STAGES: dict[str, int] = {
    "errors": 0,
    "paths": 1,
    "results": 1,
    "safewrite": 2,
    "definitions": 3,
    "curation": 4,
    "finder": 5,
    "dataset": 6,
    "publish": 7,
    "explore": 7,
    "docsgen": 7,
    "cli": 8,
    "__init__": 8,
    "__main__": 9,
}
"""Rank of each top-level module or subpackage: imports go to a lower rank only (or within one)."""

ORDER: dict[str, tuple[str, ...]] = {
    "definitions": (
        "enums",
        "models.record",
        "models.dated",
        "models.entities",
        "models.events",
        "models.agreements",
        "models.evidence",
        "models.occurrences",
        "models",
        "columns",
    ),
    "curation": (
        "yamlfiles",
        "yamlquote",
        "texts",
        "raw_rows",
        "seed_file",
        "annotations",
        "written_forms",
        "free_text",
        "occurrences",
        "checks",
    ),
    "finder": (
        "normalize",
        "fastre",
        "vocabulary",
        "amounts",
        "dates",
        "patterns",
        "lexicon",
        "linking",
        "names",
        "readers",
        "paraphrases",
        "french_paraphrases",
        "extract",
        "waivers",
        "audit",
        "draft_events",
        "draft",
        "articles",
        "scan",
        "scan_dask",
    ),
    "dataset": (
        "datapackage",
        "metadata",
        "table_checks",
        "citation",
        "croissant",
        "dcat",
        "catalogue",
        "verify",
        "loaders",
        "build",
        "summary",
    ),
    "publish": (
        "export",
        "dcat_file",
        "spreadsheet",
        "http_deadline",
        "ckan_errors",
        "ckan_fields",
        "ckan_dictionary",
        "ckan_plan",
        "ckan_report",
        "ckan_client",
        "ckan",
    ),
    "explore": ("text", "names", "record", "plugin", "app"),
    "docsgen": ("plotting", "network", "figures", "codebook"),
}
"""Inside a stage, the order data passes through its modules: a module imports only earlier ones."""

ONLY: dict[str, frozenset[str]] = {
    "definitions.models": frozenset({"definitions.enums", "definitions.models"}),
    "dataset.loaders": frozenset(
        {
            "errors",
            "paths",
            "definitions.enums",
            "definitions.models",
            "definitions.columns",
            "dataset.datapackage",
        }
    ),
}
"""Modules (and the modules inside them) whose imports are listed outright, on top of the order: the
schema sees only its vocabularies and itself, and the loader, which every pip user runs, never touches
the build, the curation files or the finder."""


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def modules() -> dict[str, Path]:
    found = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        parts = file.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = file
    return found


def imported(file: Path) -> set[str]:
    """Every moroccodigital module a file imports, anywhere in it, as a dotted name inside the package."""
    names: set[str] = set()
    known = set(modules())
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for target in targets:
            if not target.startswith("moroccodigital."):
                continue
            inner = target.removeprefix("moroccodigital.")
            while inner and inner not in known:
                inner = inner.rpartition(".")[0]
            if inner:
                names.add(inner)
    return names


def allowed(importer: str, target: str) -> bool:
    for fenced, targets in ONLY.items():
        if within(importer, fenced) and not any(within(target, t) for t in targets):
            return False
    top_a, _, rest_a = importer.partition(".")
    top_b, _, rest_b = target.partition(".")
    if top_a == top_b:
        order = ORDER.get(top_a, ())
        return bool(rest_a and rest_b) and order.index(rest_b) < order.index(rest_a)
    return STAGES[top_b] < STAGES[top_a]


EDGES = sorted(
    (importer, target)
    for importer, file in modules().items()
    for target in imported(file)
    if target != importer and target not in {importer.rpartition(".")[0]}
)


def test_every_module_has_a_stage_and_a_place_in_its_order() -> None:
    for name in modules():
        top, _, rest = name.partition(".")
        assert top in STAGES, f"{name}: add its stage to STAGES"
        if rest:
            assert rest in ORDER[top], f"{name}: add it to ORDER[{top!r}]"


@pytest.mark.parametrize(("importer", "target"), EDGES, ids=[f"{a}->{b}" for a, b in EDGES])
def test_imports_follow_the_data_flow(importer: str, target: str) -> None:
    assert allowed(importer, target), f"{importer} imports {target}, which sits downstream of it"


@pytest.mark.parametrize(
    ("importer", "target"),
    [
        ("finder.lexicon", "dataset.loaders"),  # the finder reading the released data
        ("finder.patterns", "finder.lexicon"),  # patterns are upstream of the name matcher
        ("explore.plugin", "explore.app"),  # the plugin and the app importing each other
        ("dataset.dcat", "dataset.verify"),  # metadata borrowing a file name from the verifier
        ("dataset.loaders", "dataset.build"),  # the pip user's loader pulling in the build
        ("dataset.loaders", "curation.annotations"),
        ("definitions.models", "curation.texts"),  # the schema importing anything but its enums
        ("definitions.models.events", "curation.texts"),
        ("definitions.models.events", "definitions.columns"),
        ("definitions.models.record", "definitions.models.events"),  # the base row importing a table
        ("curation.checks", "dataset.datapackage"),  # the checks borrowing from the descriptor writer
    ],
)
def test_the_rule_refuses_edges_that_run_backwards(importer: str, target: str) -> None:
    assert not allowed(importer, target)

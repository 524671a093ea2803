"""Curated annotation files -> raw table rows and anchored evidence: the registries, and each seed.

Layout: `seeds/registry/{actors,places,initiatives}.yaml` hold named actors, places and
initiatives with their reference attributes, and `registry/occurrences.yaml` the reports that
are one act; `seeds/<seed>.yaml` beside each article holds what that article states, read by
`seed_file`.  What they yield (rows, evidence, problems) is shaped in `raw_rows`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from moroccodigital import paths
from moroccodigital.curation.raw_rows import Curation, Row, curated_path
from moroccodigital.curation.seed_file import SeedReader
from moroccodigital.curation.yamlfiles import AnnotationFileError, load_yaml
from moroccodigital.errors import Problem

__all__ = ["OCCURRENCES", "REGISTRIES", "Curation", "Row", "read_curation"]
"""What reading the curated files yields is importable from here, where it is read."""

REGISTRIES = {"actors": "actors.yaml", "places": "places.yaml", "initiatives": "initiatives.yaml"}

OCCURRENCES = "occurrences.yaml"
"""The registry of occurrences: optional, since a corpus may have no event reported twice."""


def read_curation(seeds: Path) -> Curation:
    """Read the registries and every seed's annotation file."""
    cur = Curation()
    for table, name in REGISTRIES.items():
        path = seeds / paths.REGISTRY / name
        for item in _read_list(path, cur):
            cur.rows.append(Row(table, item, curated_path(path)))
    occurrences = seeds / paths.REGISTRY / OCCURRENCES
    if occurrences.exists():
        cur.occurrences = _read_list(occurrences, cur)
    for text_path in sorted(seeds.glob("*.txt")):
        if not text_path.with_suffix(".yaml").exists():
            cur.problems.append(
                Problem(curated_path(text_path), "", "", "no annotation file beside it", "annotation-missing")
            )
    for ann in sorted(seeds.glob("*.yaml")):
        SeedReader(ann, cur).read()
    return cur


def _read_list(path: Path, cur: Curation) -> list[dict[str, Any]]:
    try:
        data = load_yaml(path)
    except (OSError, AnnotationFileError) as err:
        cur.problems.append(
            Problem(curated_path(path), "", "", f"cannot read: {err}", getattr(err, "code", "os-error"))
        )
        return []
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        cur.problems.append(
            Problem(curated_path(path), "", "", "expected a list of mappings", "bad-structure")
        )
        return []
    return data

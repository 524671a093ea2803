"""What reading the curated files yields: raw table rows and anchored evidence, before model
validation, and the names (file paths, alias ids) the readers give them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moroccodigital import paths
from moroccodigital.errors import Problem


@dataclass
class Row:
    """A table row as read from a file, before model validation."""

    table: str
    data: dict[str, Any]
    file: str
    reported: bool = False
    """A problem with this row was already reported (e.g. its quote was not found): its model
    errors would only repeat it."""


@dataclass
class Curation:
    """Everything read from seeds/: rows, evidence, the texts, and problems met on the way."""

    rows: list[Row] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Per source, the spans evidence may come from: the article body only (a headline is the
    editor's summary of the body, and every fact it states is in the body)."""
    problems: list[Problem] = field(default_factory=list)
    occurrences: list[dict[str, Any]] = field(default_factory=list)
    """The curated groups of reports of one event, agreement or commitment (registry/occurrences.yaml)."""


def curated_path(path: Path) -> str:
    """A curated file's path as the project names it (seeds/…)."""
    parts = path.parts
    return "/".join(parts[parts.index(paths.SEEDS) :]) if paths.SEEDS in parts else path.name


def alias_id(actor_id: str, alias: str) -> str:
    """Stable id of an alias: its actor and a hash of the exact surface form."""
    return f"{actor_id}--{hashlib.sha1(alias.encode('utf-8')).hexdigest()[:10]}"

"""Helpers shared by the tests (importable: pyproject puts tests/ on the path)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from moroccodigital.finder.extract import Candidate, find
from moroccodigital.finder.lexicon import Lexicon

ROOT = Path(__file__).resolve().parents[1]


def missing(what: str) -> NoReturn:
    """A tool a test needs is absent: skipped on a developer's machine, a failure under CI.

    CI installs every tool the suite needs, so there an absent tool is a broken set-up, never a
    reason to pass quietly.
    """
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide it: {what}")
    pytest.skip(what)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def resign(descriptor: Path, name: str, file: Path) -> None:
    """Record a changed file's sha256 and size in its descriptor, so that only the checks that
    read its content (not its hash) can catch the change."""
    import hashlib
    import json

    package = json.loads(descriptor.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == name:
            res["hash"] = f"sha256:{hashlib.sha256(file.read_bytes()).hexdigest()}"
            if "bytes" in res:
                res["bytes"] = file.stat().st_size
    descriptor.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


def only(text: str, kind: str, lexicon: Lexicon | None = None) -> Candidate:
    """The one candidate of a kind the finder gives for a text (fails if there are none or several)."""
    found = [c for c in find(text, lexicon) if c.kind == kind]
    assert len(found) == 1, found
    return found[0]

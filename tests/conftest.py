"""Shared fixtures: a scratch copy of the project for builds that write."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

PROJECT_FILES = ("seeds", "data", "schemas", "pyproject.toml", "CHANGELOG.md")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A copy of the project's inputs and committed outputs, safe to build in and to break."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    yield tmp_path

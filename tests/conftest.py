"""Shared fixtures: a scratch copy of the project for builds that write."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

from moroccodigital.finder.lexicon import Lexicon, installed_entries

TIERS = {
    "test_publish_ckan.py": "ckan",
    "test_ckan_extension.py": "ckan",
    "test_explore_browser.py": "browser",
    "test_wheel.py": "system",
    "test_notebook.py": "system",
}
"""The heavy tiers, by test file: a real CKAN with PostgreSQL and Redis (root), a real Chromium, and
fresh virtual environments or kernels.  `pytest -m "not ckan and not browser and not system"` is
the fast core run; CI runs every tier."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = TIERS.get(item.path.name)
        if tier:
            item.add_marker(tier)


PROJECT_FILES = ("seeds", "data", "schemas", "pyproject.toml", "CHANGELOG.md", "CITATION.cff")


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


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The names the installed package knows, compiled once for the finder's tests."""
    return Lexicon(installed_entries())

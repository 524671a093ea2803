"""The catalogue files a build writes into its data folder: croissant.json and dcat.jsonld."""

from __future__ import annotations

from pathlib import Path

from moroccodigital.dataset.croissant import croissant
from moroccodigital.dataset.dcat import dcat
from moroccodigital.dataset.metadata import coverage, dump_json, load_descriptors
from moroccodigital.errors import Problem
from moroccodigital.paths import CROISSANT, DCAT, DESCRIPTORS


def documents(data_dir: Path) -> dict[str, str]:
    """croissant.json and dcat.jsonld as the descriptors of a data folder generate them now."""
    descriptors = load_descriptors(data_dir)
    cover = coverage(data_dir)
    return {
        CROISSANT: dump_json(croissant(descriptors[DESCRIPTORS[0]], cover)),
        DCAT: dump_json(dcat(descriptors, cover)),
    }


def write_metadata(data_dir: Path) -> list[Path]:
    """Write croissant.json and dcat.jsonld into a built data folder; returns their paths."""
    written = []
    for name, text in documents(data_dir).items():
        path = data_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale(data_dir: Path) -> list[Problem]:
    """The catalogue files of a data folder that are missing or differ from what its descriptors
    generate: they carry no hash of their own, so this is how a changed one is caught."""
    problems = []
    for name, text in documents(data_dir).items():
        path = data_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            message = "is missing or differs from what the descriptors generate; rebuild or reinstall"
            problems.append(Problem(name, "", "", message, "stale-generated"))
    return problems

"""The catalogue files a build writes into its data folder: croissant.json and dcat.jsonld."""

from __future__ import annotations

from pathlib import Path

from moroccodigital.dataset.croissant import croissant
from moroccodigital.dataset.dcat import dcat
from moroccodigital.dataset.metadata import coverage, dump_json, load_descriptors
from moroccodigital.paths import CROISSANT, DCAT, DESCRIPTORS


def write_metadata(data_dir: Path) -> list[Path]:
    """Write croissant.json and dcat.jsonld into a built data folder; returns their paths."""
    descriptors = load_descriptors(data_dir)
    cover = coverage(data_dir)
    documents = {
        CROISSANT: croissant(descriptors[DESCRIPTORS[0]], cover),
        DCAT: dcat(descriptors, cover),
    }
    paths = []
    for name, document in documents.items():
        path = data_dir / name
        path.write_text(dump_json(document), encoding="utf-8")
        paths.append(path)
    return paths

"""Speed work leaves the finder's output as it was: `find` and `scan` give the frozen candidates
(tests/fixtures/finder_golden.json, see tests/finder_golden.py) on every text of the project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from finder_golden import read, row, texts

from moroccodigital.finder.extract import FIELDS, find
from moroccodigital.finder.lexicon import Lexicon
from moroccodigital.finder.scan import scan

TEXTS = texts()
FROZEN = read()


def test_the_fixture_covers_every_text_and_both_languages() -> None:
    assert set(FROZEN) == set(TEXTS)
    assert sum(map(len, FROZEN.values())) > 1000
    assert len(FROZEN["benchmarks/french_paragraphs.txt"]) > 50


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_find_gives_the_frozen_candidates(name: str, lexicon: Lexicon) -> None:
    assert [row(c) for c in find(TEXTS[name], lexicon)] == FROZEN[name]


def test_scan_writes_the_frozen_candidates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = {f"{i:03d}.txt": name for i, name in enumerate(sorted(TEXTS))}
    for file, name in files.items():
        (corpus / file).parent.mkdir(exist_ok=True)
        (corpus / file).write_text(TEXTS[name], encoding="utf-8", newline="")
    scan(corpus, tmp_path / "c.parquet", workers=2, batch_bytes=20000, progress=False)
    found: dict[str, list[list[Any]]] = {name: [] for name in files.values()}
    for r in pq.read_table(tmp_path / "c.parquet").to_pylist():
        found[files[r["doc_id"]]].append([r[f] for f in FIELDS])
    assert found == FROZEN

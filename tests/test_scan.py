"""Scanning a folder of articles: the pure batch function, the local scan, and the Dask path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import ROOT

from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.finder.scan import ARTICLES, CANDIDATES, candidates_batch, scan
from moroccodigital.safewrite import UnsafeOutput


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "more").mkdir(parents=True)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    shutil.copy(ROOT / "seeds" / "004_870762d835b40ab6.txt", folder / "more" / "copy.txt")
    return folder


def articles(*texts: str) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)}, ARTICLES
    )


def test_candidates_batch_gives_the_finders_candidates_per_article() -> None:
    texts = ("توظيف 500 مهندس في أفق 2030 بالرباط", "بحلول عام 2030")
    lexicon = Lexicon(installed_entries())
    out = candidates_batch(articles(*texts), lexicon)
    assert out.schema == CANDIDATES
    expected = [
        (f"d{i}", c.start, c.text, c.kind) for i, text in enumerate(texts) for c in find(text, lexicon)
    ]
    assert [(r["doc_id"], r["start"], r["text"], r["kind"]) for r in out.to_pylist()] == expected
    assert [r["text"] for r in out.to_pylist()] == ["500 مهندس", "في أفق 2030", "الرباط", "بحلول عام 2030"]


def test_candidates_batch_is_deterministic() -> None:
    batch = articles("وقعت الحكومة 11 مليار درهم للفترة 2024 – 2026")
    assert candidates_batch(batch).equals(candidates_batch(batch))


def test_scan_writes_one_parquet_file_with_every_articles_candidates(corpus: Path, tmp_path: Path) -> None:
    summary = scan(corpus, tmp_path / "c.parquet", workers=2, batch_bytes=6000, progress=False)
    table = pq.read_table(tmp_path / "c.parquet")
    assert (summary.files, summary.candidates) == (6, table.num_rows)
    assert set(table.column("doc_id").to_pylist()) == {p.name for p in corpus.glob("*.txt")} | {
        "more/copy.txt"
    }


def test_scan_output_does_not_depend_on_the_number_of_workers(corpus: Path, tmp_path: Path) -> None:
    scan(corpus, tmp_path / "one.parquet", workers=1, batch_bytes=6000, progress=False)
    scan(corpus, tmp_path / "two.parquet", workers=2, batch_bytes=6000, progress=False)
    assert pq.read_table(tmp_path / "one.parquet").equals(pq.read_table(tmp_path / "two.parquet"))


def test_scan_refuses_to_overwrite_a_file_it_did_not_create(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "c.parquet").write_bytes(b"not ours")
    with pytest.raises(UnsafeOutput, match="--force"):
        scan(corpus, tmp_path / "c.parquet", workers=1, progress=False)
    assert (tmp_path / "c.parquet").read_bytes() == b"not ours"


def test_scan_replaces_its_own_output(corpus: Path, tmp_path: Path) -> None:
    scan(corpus, tmp_path / "c.parquet", workers=1, progress=False)
    assert scan(corpus, tmp_path / "c.parquet", workers=1, progress=False).files == 6


def test_scan_never_writes_through_a_symbolic_link(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "link.parquet").symlink_to(tmp_path / "elsewhere.parquet")
    with pytest.raises(UnsafeOutput, match="symbolic link"):
        scan(corpus, tmp_path / "link.parquet", workers=1, progress=False)
    scan(corpus, tmp_path / "link.parquet", workers=1, progress=False, force=True)
    assert not (tmp_path / "elsewhere.parquet").exists()
    assert not (tmp_path / "link.parquet").is_symlink()


def test_scan_does_not_follow_links_out_of_its_folder(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("سنة 2022", encoding="utf-8")
    (corpus / "linked").symlink_to(outside)
    (corpus / "linked.txt").symlink_to(outside / "secret.txt")
    scan(corpus, tmp_path / "c.parquet", workers=1, progress=False)
    assert not any(
        "secret" in d or "linked" in d for d in pq.read_table(tmp_path / "c.parquet")["doc_id"].to_pylist()
    )


def test_scan_reports_files_that_are_not_utf8(corpus: Path, tmp_path: Path) -> None:
    (corpus / "latin1.txt").write_bytes("d\xe9j\xe0".encode("latin-1"))
    assert scan(corpus, tmp_path / "c.parquet", workers=1, progress=False).unreadable == ["latin1.txt"]


def test_dask_scan_gives_the_same_candidates_as_the_local_scan(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from moroccodigital.finder.scan_dask import scan_dask

    scan(corpus, tmp_path / "local.parquet", workers=1, batch_bytes=6000, progress=False)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        summary = scan_dask(corpus, tmp_path / "dask.parquet", batch_bytes=6000)
    assert summary.files == 6
    assert pq.read_table(tmp_path / "dask.parquet").equals(pq.read_table(tmp_path / "local.parquet"))

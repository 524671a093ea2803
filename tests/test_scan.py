"""Scanning a folder of articles: the pure batch function, the local scan, and the Dask path."""

from __future__ import annotations

import io
import os
import shutil
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import ROOT

from moroccodigital.finder import scan as scan_module
from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.finder.scan import ARTICLES, CANDIDATES, candidates_batch, scan, windows
from moroccodigital.safewrite import UnsafeOutput

FILES = len(list((ROOT / "seeds").glob("*.txt"))) + 1
"""The corpus: every seed text, and one of them again in a subfolder."""


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
    assert (summary.files, summary.candidates) == (FILES, table.num_rows)
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
    assert scan(corpus, tmp_path / "c.parquet", workers=1, progress=False).files == FILES


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
    assert summary.files == FILES
    assert pq.read_table(tmp_path / "dask.parquet").equals(pq.read_table(tmp_path / "local.parquet"))


def test_windows_cut_at_line_ends_whatever_the_reads() -> None:
    text = (ROOT / "seeds" / "004_870762d835b40ab6.txt").read_text(encoding="utf-8")
    whole = list(windows(io.StringIO(text, newline="").read, 500))
    small_reads = io.StringIO(text, newline="")
    assert list(windows(lambda _: small_reads.read(7), 500)) == whole
    assert "".join(w for _, w in whole) == text and len(whole) > 1
    assert all(len(w) <= 500 for _, w in whole)
    # a window ends at a line end, or at a space when its line is longer than a window
    assert all(w.endswith("\n") or ("\n" not in w and w.endswith(" ")) for _, w in whole[:-1])
    assert any(w.endswith("\n") for _, w in whole[:-1])
    assert [offset for offset, _ in whole] == [sum(len(w) for _, w in whole[:i]) for i in range(len(whole))]


def test_a_long_file_is_found_window_by_window_with_exact_offsets(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_module, "WINDOW", 400)
    scan(corpus, tmp_path / "c.parquet", workers=1, progress=False)
    rows = pq.read_table(tmp_path / "c.parquet").to_pylist()
    texts = {d: (corpus / d).read_text(encoding="utf-8") for d in {r["doc_id"] for r in rows}}
    assert all(texts[r["doc_id"]][r["start"] : r["end"]] == r["text"] for r in rows)
    assert max(r["start"] for r in rows) > 400  # offsets count from the file's start, not the window's
    name = "004_870762d835b40ab6.txt"
    in_memory = candidates_batch(articles(texts[name])).to_pylist()
    assert [(r["start"], r["text"]) for r in in_memory] == [
        (r["start"], r["text"]) for r in rows if r["doc_id"] == name
    ]


def test_a_long_files_candidates_are_written_as_they_come_not_held_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    (folder / "long.txt").write_text(text, encoding="utf-8", newline="")
    monkeypatch.setattr(scan_module, "WINDOW", 2000)  # the file is about forty windows
    scan(folder, tmp_path / "held.parquet", workers=1, progress=False)
    monkeypatch.setattr(scan_module, "FLUSH_ROWS", 50)
    scan(folder, tmp_path / "flushed.parquet", workers=1, progress=False)
    held, flushed = pq.ParquetFile(tmp_path / "held.parquet"), pq.ParquetFile(tmp_path / "flushed.parquet")
    assert held.num_row_groups == 1 and held.metadata.num_rows > 500
    assert flushed.num_row_groups >= held.metadata.num_rows // 100  # flushed inside the one file
    assert flushed.read().equals(held.read())


def test_offsets_count_line_ends_as_written(corpus: Path, tmp_path: Path) -> None:
    raw = "سطر أول\r\nتوظيف 500 مهندس\r\n"
    (corpus / "crlf.txt").write_bytes(raw.encode())
    scan(corpus, tmp_path / "c.parquet", workers=1, progress=False)
    row = next(r for r in pq.read_table(tmp_path / "c.parquet").to_pylist() if r["doc_id"] == "crlf.txt")
    assert (row["start"], row["text"]) == (raw.index("500"), "500 مهندس")


def test_a_fifo_or_a_device_named_txt_is_skipped_not_read(corpus: Path, tmp_path: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    done: list[scan_module.ScanSummary] = []
    worker = threading.Thread(
        target=lambda: done.append(scan(corpus, tmp_path / "c.parquet", workers=1, progress=False)),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=60)
    assert done, "the scan hung on a FIFO or a device"
    assert sorted(done[0].skipped) == ["pipe.txt", "zero.txt"] and done[0].files == FILES


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_scan_leaves_nothing_at_the_output(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    calls = []

    def failing(text: str, lexicon: Lexicon | None = None) -> list[object]:
        calls.append(1)
        if len(calls) > 2:
            raise RuntimeError("the finder failed")
        return []

    monkeypatch.setattr(scan_module, "find", failing)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError, match="the finder failed"):
        scan(corpus, out / "c.parquet", workers=workers, batch_bytes=6000, progress=False)
    assert list(out.iterdir()) == []  # no output, no temporary file, no worker parts

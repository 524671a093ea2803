"""Run the candidate finder over a folder of articles, streaming, on every core.

The core is `candidates_batch`, a pure function from an Arrow record batch of articles
(doc_id, text) to a record batch of candidates: the local scan maps it over batches of files in
worker processes, and `scan_dask` maps the same function over Dask partitions.  Memory stays
bounded whatever the corpus size: files are listed lazily, at most two batches per worker are in
flight, and results are appended to one Parquet file in a fixed order (so the output does not
depend on the number of workers).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from moroccodigital.finder.extract import FIELDS, find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.safewrite import UnsafeOutput, atomic_path, check_output

ARTICLES = pa.schema([("doc_id", pa.string()), ("text", pa.large_string())])
CANDIDATES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("currency", pa.string()),
        ("comparator", pa.string()),
        ("edtf", pa.string()),
        ("precision", pa.string()),
        ("ref", pa.string()),
        ("alternatives", pa.list_(pa.string())),
        ("alias", pa.string()),
    ],
    metadata={"moroccodigital.scan": "candidates v1"},
)
"""One row per candidate; offsets are code points of the article's text as decoded (UTF-8)."""
BATCH_BYTES = 4 << 20


@dataclass
class ScanSummary:
    """What a scan read and wrote."""

    out: Path
    files: int = 0
    bytes: int = 0
    candidates: int = 0
    unreadable: list[str] = field(default_factory=list)
    """Files skipped because they are not UTF-8 text."""


@lru_cache(maxsize=1)
def _installed_lexicon() -> Lexicon:
    return Lexicon(installed_entries())


def candidates_batch(articles: pa.RecordBatch, lexicon: Lexicon | None = None) -> pa.RecordBatch:
    """Articles (doc_id, text) → candidates (CANDIDATES schema).  Pure: no I/O but the lexicon,
    which defaults to the installed dataset's names and is read once per process."""
    lexicon = lexicon if lexicon is not None else _installed_lexicon()
    columns: dict[str, list[Any]] = {name: [] for name in CANDIDATES.names}
    for doc_id, text in zip(
        articles.column("doc_id").to_pylist(), articles.column("text").to_pylist(), strict=True
    ):
        for cand in find(text, lexicon):
            columns["doc_id"].append(doc_id)
            for name in FIELDS:
                value = getattr(cand, name)
                columns[name].append(list(value) if name == "alternatives" else value)
    return pa.RecordBatch.from_pydict(columns, schema=CANDIDATES)


def is_scan_output(path: Path) -> bool:
    """True for a Parquet file a scan wrote (its schema carries the scan's metadata key)."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return False
    return b"moroccodigital.scan" in metadata


def article_batches(directory: Path, batch_bytes: int = BATCH_BYTES) -> Iterator[list[str]]:
    """Relative paths of the *.txt files under a folder, in a fixed order, grouped by size.

    Symbolic links are not followed, so a scan never reads outside the folder it was given.
    """
    batch: list[str] = []
    size = 0
    for folder, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            if not name.endswith(".txt") or path.is_symlink():
                continue
            batch.append(path.relative_to(directory).as_posix())
            size += path.stat().st_size
            if size >= batch_bytes:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def read_articles(directory: Path, names: list[str]) -> tuple[pa.RecordBatch, list[str]]:
    """Read a batch of articles; returns the batch and the names of files that are not UTF-8."""
    ids, texts, bad = [], [], []
    for name in names:
        try:
            texts.append((directory / name).read_text(encoding="utf-8"))
            ids.append(name)
        except UnicodeDecodeError:
            bad.append(name)
    return pa.RecordBatch.from_pydict({"doc_id": ids, "text": texts}, schema=ARTICLES), bad


@dataclass(frozen=True)
class _Result:
    batch: pa.RecordBatch
    files: int
    bytes: int
    unreadable: list[str]


def _scan_files(directory: Path, names: list[str]) -> _Result:
    articles, bad = read_articles(directory, names)
    size = sum((directory / name).stat().st_size for name in names)
    return _Result(candidates_batch(articles), articles.num_rows, size, bad)


def scan(
    directory: Path,
    out: Path,
    *,
    workers: int | None = None,
    batch_bytes: int = BATCH_BYTES,
    progress: bool = True,
    force: bool = False,
) -> ScanSummary:
    """Find candidates in every *.txt file under a folder and write them to one Parquet file."""
    if not directory.is_dir():
        raise UnsafeOutput(f"{directory} is not a folder")
    check_output(out, force=force, ours=is_scan_output)
    workers = workers or os.cpu_count() or 1
    summary = ScanSummary(out)
    bar = _progress(directory, progress)
    _installed_lexicon()  # load once here: forked workers inherit it
    with atomic_path(out) as tmp, pq.ParquetWriter(tmp, CANDIDATES, compression="zstd") as writer:
        for result in _results(directory, batch_bytes, workers):
            writer.write_batch(result.batch)
            summary.files += result.files
            summary.bytes += result.bytes
            summary.candidates += result.batch.num_rows
            summary.unreadable += result.unreadable
            if bar is not None:
                bar.update(result.bytes)
    if bar is not None:
        bar.close()
    return summary


def _results(directory: Path, batch_bytes: int, workers: int) -> Iterator[_Result]:
    """Batch results in input order, with at most two batches per worker in flight."""
    batches = article_batches(directory, batch_bytes)
    if workers == 1:
        for names in batches:
            yield _scan_files(directory, names)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_Result]] = deque()
        for names in batches:
            pending.append(pool.submit(_scan_files, directory, names))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _progress(directory: Path, enabled: bool) -> Any:
    """A byte-counting progress bar on stderr (tqdm), or None when disabled or not installed."""
    if not enabled:
        return None
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]  # untyped; an optional extra
    except ImportError:
        print("scan: install moroccodigital[scan] for a progress bar", file=sys.stderr)
        return None
    total = sum(
        Path(folder, name).stat().st_size
        for folder, _, files in os.walk(directory)
        for name in files
        if name.endswith(".txt") and not Path(folder, name).is_symlink()
    )
    return tqdm(total=total, unit="B", unit_scale=True, desc="scan", file=sys.stderr)

"""Run the candidate finder over a folder of articles, streaming, on every core.

The core is `find` over *windows* of a text: a text is cut at line ends into windows of about
WINDOW code points (an article is one window; a 200 MB file is two hundred), each found apart
and its offsets shifted back, so memory is bounded per window, not per file.  The cut depends
only on the text, so reading a file window by window (the local scan) and cutting a text held in
memory (`candidates_batch`, which the Dask path maps over partitions) give the same candidates.
In a text longer than a window, a candidate never spans the line end where a window stops.

The local scan lists files lazily; each worker process writes the candidates of its batch of
files to its own Parquet part (no results are sent back through pipes), and the parent appends
the parts, in the order of the files, to one Parquet file: the output does not depend on the
number of workers.  Only regular files are read (no FIFO, device or symbolic link, whatever its
name), opened without following links and checked with fstat before any byte is read.  The
output is written to a temporary file renamed into place at the end: a failed or interrupted
scan leaves the old file or none, never half of one.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from moroccodigital.finder.articles import (
    ARTICLES,
    BATCH_BYTES,
    WINDOW,
    article_batches,
    is_regular,
    is_utf8,
    open_article,
    read_articles,
    windows,
)
from moroccodigital.finder.extract import FIELDS, Candidate, find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.safewrite import UnsafeOutput, atomic_path, check_output

__all__ = [
    "ARTICLES",
    "BATCH_BYTES",
    "CANDIDATES",
    "WINDOW",
    "ScanSummary",
    "article_batches",
    "candidates_batch",
    "installed_lexicon",
    "is_scan_output",
    "open_article",
    "read_articles",
    "scan",
    "windows",
]
"""The scan's public names; the reading of files lives in finder/articles.py and is re-exported."""

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
"""One row per candidate; offsets are code points of the article's text as decoded (UTF-8, line
ends kept as they are)."""
FLUSH_ROWS = 1 << 16
"""Candidates are written out in row groups of about this many rows."""


@dataclass
class ScanSummary:
    """What a scan read and wrote."""

    out: Path
    files: int = 0
    bytes: int = 0
    candidates: int = 0
    unreadable: list[str] = field(default_factory=list)
    """Files skipped because they are not UTF-8 text (or were no longer regular files when
    opened)."""
    skipped: list[str] = field(default_factory=list)
    """*.txt names skipped because they are not regular files (FIFOs, devices, links)."""


@lru_cache(maxsize=1)
def installed_lexicon() -> Lexicon:
    """The names of the installed dataset, read once per process (forked workers inherit them)."""
    return Lexicon(installed_entries())


_SCALARS = tuple(name for name in FIELDS if name not in {"start", "end"})
"""Columns copied as they are (alternatives stay tuples: Arrow reads them as lists, and a new list
per candidate would only feed the garbage collector)."""
_GET = {name: attrgetter(name) for name in _SCALARS}


class _Columns:
    """Candidates waiting to be written, turned into columns straight from the finder's objects
    (one pass per column when a row group is taken, no per-row dictionaries or frames)."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, int, list[Candidate]]] = []
        self.rows = 0

    def __len__(self) -> int:
        return self.rows

    def add(self, doc_id: str, offset: int, candidates: list[Candidate]) -> None:
        if candidates:
            self.pending.append((doc_id, offset, candidates))
            self.rows += len(candidates)

    def drop_after(self, mark: int) -> None:
        """Forget what was added since len(self.pending) was `mark`."""
        del self.pending[mark:]
        self.rows = sum(len(cands) for _, _, cands in self.pending)

    def take(self) -> pa.RecordBatch:
        pending, flat = self.pending, [c for _, _, cands in self.pending for c in cands]
        columns: dict[str, list[Any]] = {
            "doc_id": [doc_id for doc_id, _, cands in pending for _ in cands],
            "start": [c.start + offset for _, offset, cands in pending for c in cands],
            "end": [c.end + offset for _, offset, cands in pending for c in cands],
        }
        columns.update((name, list(map(get, flat))) for name, get in _GET.items())
        self.pending, self.rows = [], 0
        return pa.RecordBatch.from_pydict(
            {name: columns[name] for name in CANDIDATES.names}, schema=CANDIDATES
        )


def _find_text(
    cols: _Columns,
    doc_id: str,
    read: Callable[[int], str],
    lexicon: Lexicon,
    flush: Callable[[], None] | None = None,
) -> None:
    """Find a text window by window; with `flush`, the candidates held are flushed as soon as they
    reach FLUSH_ROWS, inside a long file too (else a file's candidates grow with its size)."""
    for offset, window in windows(read, WINDOW):
        cols.add(doc_id, offset, find(window, lexicon))
        if flush is not None and len(cols) >= FLUSH_ROWS:
            flush()


def candidates_batch(articles: pa.RecordBatch, lexicon: Lexicon | None = None) -> pa.RecordBatch:
    """Articles (doc_id, text) → candidates (CANDIDATES schema).  Pure: no I/O but the lexicon,
    which defaults to the installed dataset's names and is read once per process."""
    lexicon = lexicon if lexicon is not None else installed_lexicon()
    cols = _Columns()
    for doc_id, text in zip(
        articles.column("doc_id").to_pylist(), articles.column("text").to_pylist(), strict=True
    ):
        _find_text(cols, doc_id, io.StringIO(text, newline="").read, lexicon)
    return cols.take()


def is_scan_output(path: Path) -> bool:
    """True for a Parquet file a scan wrote (its schema carries the scan's metadata key)."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return False
    return b"moroccodigital.scan" in metadata


@dataclass(frozen=True)
class _Result:
    files: int
    bytes: int
    candidates: int
    unreadable: list[str]
    part: Path | None = None
    """The Parquet part a worker wrote (None when the batch went straight to the output)."""


def _scan_files(directory: Path, names: list[str], write: Callable[[pa.RecordBatch], None]) -> _Result:
    """Find the candidates of a batch of files, written in row groups as they come."""
    lexicon = installed_lexicon()
    cols, files, size, bad = _Columns(), 0, 0, []
    rows = 0

    def flush() -> None:
        nonlocal rows
        rows += len(cols)
        write(cols.take())

    for name in names:
        opened = open_article(directory / name)
        if opened is None:
            bad.append(name)
            continue
        handle, nbytes = opened
        with handle:
            if nbytes > WINDOW and not is_utf8(handle):
                bad.append(name)
                continue
            mark = len(cols.pending)
            try:  # a long file, checked above, may be flushed part way; a short one is one window
                _find_text(cols, name, handle.read, lexicon, flush)
            except UnicodeDecodeError:  # only a short file, read in one piece, gets here
                cols.drop_after(mark)
                bad.append(name)
                continue
        files, size = files + 1, size + nbytes
    if len(cols):
        flush()
    return _Result(files, size, rows, bad)


def _scan_part(directory: Path, names: list[str], part: Path) -> _Result:
    """A worker's task: one batch of files into its own Parquet part (uncompressed: the parent
    compresses once, when it appends the part to the output)."""
    with pq.ParquetWriter(part, CANDIDATES, compression="none") as writer:
        result = _scan_files(directory, names, writer.write_batch)
    return _Result(result.files, result.bytes, result.candidates, result.unreadable, part)


def scan(
    directory: Path,
    out: Path,
    *,
    workers: int | None = None,
    batch_bytes: int = BATCH_BYTES,
    progress: bool = True,
    force: bool = False,
) -> ScanSummary:
    """Find candidates in every regular *.txt file under a folder and write them to one Parquet
    file (atomically: on failure or interruption nothing is left at `out`)."""
    if not directory.is_dir():
        raise UnsafeOutput(f"{directory} is not a folder")
    check_output(out, force=force, ours=is_scan_output)
    workers = workers or os.cpu_count() or 1
    summary = ScanSummary(out)
    bar = _progress(directory, progress)
    installed_lexicon()  # load once here: forked workers inherit it
    pa.array([0])  # pyarrow imports pandas on its first array (to recognise pandas objects):
    # once here, so forked workers inherit the import instead of each paying for it
    try:
        with atomic_path(out) as tmp, pq.ParquetWriter(tmp, CANDIDATES, compression="zstd") as writer:
            batches = article_batches(directory, batch_bytes, summary.skipped)
            for result in _results(directory, batches, workers, writer, out):
                summary.files += result.files
                summary.bytes += result.bytes
                summary.candidates += result.candidates
                summary.unreadable += result.unreadable
                if bar is not None:
                    bar.update(result.bytes)
    finally:
        if bar is not None:
            bar.close()
    return summary


def _results(
    directory: Path, batches: Iterator[list[str]], workers: int, writer: pq.ParquetWriter, out: Path
) -> Iterator[_Result]:
    """Batch results in input order, each batch's candidates appended to the output as it
    comes; with workers, at most two batches per worker in flight."""
    if workers == 1:
        for names in batches:
            yield _scan_files(directory, names, writer.write_batch)
        return
    with (
        tempfile.TemporaryDirectory(prefix=f".{out.name}.parts-", dir=out.parent) as parts,
        ProcessPoolExecutor(max_workers=workers) as pool,
    ):
        pending: deque[Future[_Result]] = deque()
        try:
            for i, names in enumerate(batches):
                pending.append(pool.submit(_scan_part, directory, names, Path(parts, f"{i:08d}.parquet")))
                if len(pending) >= 2 * workers:
                    yield _append(pending.popleft().result(), writer)
            while pending:
                yield _append(pending.popleft().result(), writer)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _append(result: _Result, writer: pq.ParquetWriter) -> _Result:
    """Append a worker's part to the output, a row group at a time, and delete it."""
    assert result.part is not None
    part = pq.ParquetFile(result.part)
    for i in range(part.num_row_groups):
        writer.write_table(part.read_row_group(i))
    part.close()
    result.part.unlink()
    return result


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
        os.lstat(path).st_size
        for folder, _, files in os.walk(directory)
        for name in files
        if name.endswith(".txt") and is_regular(path := Path(folder, name))
    )
    return tqdm(total=total, unit="B", unit_scale=True, desc="scan", file=sys.stderr)

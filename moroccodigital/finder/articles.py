"""Reading a folder of articles: listing its regular *.txt files, opening them safely, windows.

Only regular files are read (no FIFO, device or symbolic link, whatever its name), opened without
following links and checked with fstat before any byte is read.  A text is cut at line ends into
windows of about WINDOW code points; the cut depends only on the text, so reading a file window by
window and cutting a text held in memory give the same windows.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pyarrow as pa

ARTICLES = pa.schema([("doc_id", pa.string()), ("text", pa.large_string())])
"""A batch of articles as the Dask path and `candidates_batch` take them."""
BATCH_BYTES = 4 << 20
"""Files are handed to workers in batches of about this many bytes."""
WINDOW = 1 << 20
"""A text longer than this many code points is found window by window (see the module doc)."""


def windows(read: Callable[[int], str], size: int = WINDOW) -> Iterator[tuple[int, str]]:
    """A text, read by `read(n)` until it returns "", as (offset, window) pairs.

    A window ends after the last line end within `size` code points of its start (else after
    the last space or tab, else at `size`); a text of at most `size` code points is one window.
    """
    buffer, offset, eof = "", 0, False
    while True:
        while not eof and len(buffer) <= size:
            piece = read(size)
            eof = not piece
            buffer += piece
        if len(buffer) <= size:
            if buffer:
                yield offset, buffer
            return
        cut = _cut(buffer, size)
        yield offset, buffer[:cut]
        offset, buffer = offset + cut, buffer[cut:]


def _cut(buffer: str, size: int) -> int:
    for separators in ("\n", " \t"):
        at = max(buffer.rfind(sep, 0, size) for sep in separators)
        if at >= 0:
            return at + 1
    return size


def is_regular(path: Path) -> bool:
    """True for a regular file (a link to one is not: links are never followed)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def article_batches(
    directory: Path, batch_bytes: int = BATCH_BYTES, skipped: list[str] | None = None
) -> Iterator[list[str]]:
    """Relative paths of the regular *.txt files under a folder, in a fixed order, grouped by size.

    Symbolic links are not followed, so a scan never reads outside the folder it was given; a
    *.txt name that is not a regular file (a FIFO, a device, a link) is left out, and added to
    `skipped` when given.
    """
    batch: list[str] = []
    size = 0
    for folder, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except OSError:
                info = None
            relative = Path(os.path.relpath(path, directory)).as_posix()
            if info is None or not stat.S_ISREG(info.st_mode):
                if skipped is not None:
                    skipped.append(relative)
                continue
            batch.append(relative)
            size += info.st_size
            if size >= batch_bytes:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def open_article(path: Path) -> tuple[IO[str], int] | None:
    """A regular file opened for reading as UTF-8 text (line ends kept), and its size in bytes;
    None when it is not a regular file.  Checked on the open file (fstat), so a file swapped for
    a FIFO or a link after it was listed is refused too, before any byte is read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return None
    return open(fd, encoding="utf-8", newline=""), info.st_size


def is_utf8(handle: IO[str]) -> bool:
    """Decode a whole file once, a window at a time (before a long file is found window by
    window, so a bad byte near its end does not leave half its candidates written)."""
    try:
        while handle.read(WINDOW):
            pass
    except UnicodeDecodeError:
        return False
    handle.seek(0)
    return True


def read_articles(directory: Path, names: list[str]) -> tuple[pa.RecordBatch, list[str]]:
    """Read a batch of articles; returns the batch and the names of files that are not UTF-8
    (or no longer regular files)."""
    ids, texts, bad = [], [], []
    for name in names:
        opened = open_article(directory / name)
        if opened is None:
            bad.append(name)
            continue
        with opened[0] as handle:
            try:
                texts.append(handle.read())
                ids.append(name)
            except UnicodeDecodeError:
                bad.append(name)
    return pa.RecordBatch.from_pydict({"doc_id": ids, "text": texts}, schema=ARTICLES), bad

"""Seed texts: reading them, checksums, and finding quotes at word boundaries.

Offsets are Python string indices (Unicode code points) of the text as stored.  A quote matches
only where it stands as whole words: "500" never matches inside "1.500", "عمراني" never inside
"العمراني".  Arabic proclitics written attached to the next word (و ب ل ف ك, at most two) may
precede a match, so "الرباط" is found in "بالرباط".
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from pathlib import Path

from moroccodigital.errors import Error

PROCLITICS = frozenset("وبلفك")
NUMBER_SEPARATORS = frozenset(".,٫٬")


class QuoteError(Error, ValueError):
    """A quote that is missing, ambiguous or asks for an occurrence that does not exist."""

    code = "quote-not-found"


class TextError(Error, ValueError):
    """A text file that is not stored as the project requires (UTF-8, NFC, no byte-order mark)."""

    code = "bad-text-file"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


MAX_TEXT_BYTES = 5_000_000
"""Largest article accepted (news articles are a few kB; the stored excerpts about 2 kB)."""


def read_text(path: Path) -> str:
    """Read a seed strictly: a regular file, UTF-8, no byte-order mark, NFC, exactly as stored."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise TextError(f"{path.name}: not a regular file (a device, a FIFO or a folder)", code="not-a-file")
    if info.st_size > MAX_TEXT_BYTES:
        raise TextError(
            f"{path.name}: {info.st_size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit", code="too-large"
        )
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise TextError(f"{path.name}: starts with a byte-order mark; store it without one")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise TextError(f"{path.name}: not UTF-8 (byte {err.start}): {err.reason}") from None
    if not unicodedata.is_normalized("NFC", text):
        raise TextError(f"{path.name}: text is not in Unicode NFC")
    return text


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) == "Mn"


def _left_ok(text: str, i: int, quote: str) -> bool:
    if i == 0:
        return True
    prev = text[i - 1]
    if quote[0].isdigit() and (
        prev.isdigit() or (prev in NUMBER_SEPARATORS and i >= 2 and text[i - 2].isdigit())
    ):
        return False
    if not _is_word(prev) or not _is_word(quote[0]):
        return True
    j = i
    while j > 0 and i - j < 2 and text[j - 1] in PROCLITICS:
        j -= 1
    return j < i and (j == 0 or not _is_word(text[j - 1]))


def _right_ok(text: str, j: int, quote: str) -> bool:
    if j == len(text):
        return True
    nxt = text[j]
    if quote[-1].isdigit() and (
        nxt.isdigit() or (nxt in NUMBER_SEPARATORS and j + 1 < len(text) and text[j + 1].isdigit())
    ):
        return False
    return not _is_word(quote[-1]) or not _is_word(nxt)


def find_all(text: str, quote: str) -> list[int]:
    """Start offsets of every whole-word occurrence of quote in text."""
    if not quote:
        raise QuoteError("empty quote")
    starts: list[int] = []
    i = text.find(quote)
    while i != -1:
        if _left_ok(text, i, quote) and _right_ok(text, i + len(quote), quote):
            starts.append(i)
        i = text.find(quote, i + 1)
    return starts


def locate(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The (start, end) of a quote; occurrence (1-based) is required when it occurs more than once."""
    starts = find_all(text, quote)
    if not starts:
        hint = " (it occurs inside a longer word or number)" if quote in text else ""
        if hint:
            raise QuoteError(f"quote not found in the text{hint}: {quote!r}", code="quote-inside-word")
        raise QuoteError(f"quote not found in the text: {quote!r}", code="quote-not-found")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"quote occurs {len(starts)} times (offsets {starts}); "
                f"say which with occurrence: 1..{len(starts)}: {quote!r}",
                code="quote-ambiguous",
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise QuoteError(
            f"occurrence {occurrence} asked, but the quote occurs {len(starts)} times", code="bad-occurrence"
        )
    start = starts[occurrence - 1]
    return start, start + len(quote)

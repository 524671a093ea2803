"""Arabic text as the explorer shows and searches it: one search key per spelling, and direction."""

from __future__ import annotations

import re
import unicodedata

from moroccodigital.finder.normalize import fold


def normalize_arabic(text: str) -> str:
    """A search key: alef forms -> ا, taa marbuta -> ه, alef maqsura -> ي, no diacritics or tatweel.

    Writers spell one name several ways (إيفانز/ايفانز, الأمريكية/الامريكيه); indexing and querying
    this key instead of the text makes every such spelling find the others.  NFKC first folds
    presentation forms and composes a letter with a separately typed hamza; the folding itself is
    the candidate finder's (`normalize.fold`), so search and audit agree on what a spelling is.
    """
    return fold(unicodedata.normalize("NFKC", text))


def text_direction(text: str) -> str:
    """'rtl' when right-to-left letters outnumber left-to-right ones, else 'ltr'."""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        rtl += kind in ("R", "AL")
        ltr += kind == "L"
    return "rtl" if rtl > ltr else "ltr"


PROCLITIC = re.compile(r"^(?:[وف]?(?:[بكل]?ال|لل)|[وف]?[بكل]|[وف])")
"""Attached particles a word may carry: و ف, then ب ك ل, then the article ال (ل + ال is written لل)."""
MIN_STEM = {1: 4}
"""Letters a stem must keep after a one-letter particle (وزير is not و + زير); after ال, three."""
WORD = re.compile(r"\w+")


def light_stem(word: str) -> str:
    """A normalised word without its attached particles: بالرباط, والرباط, الرباط -> رباط.

    Only the longest particle sequence that leaves a stem long enough is removed, so that a root
    letter that merely looks like a particle stays (a short word is kept whole).
    """
    match = PROCLITIC.match(word)
    if not match:
        return word
    for end in range(match.end(), 0, -1):
        prefix = word[:end]
        if PROCLITIC.fullmatch(prefix) and len(word) - end >= MIN_STEM.get(end, 3):
            return word[end:]
    return word


def search_text(text: str) -> str:
    """What the full-text index holds for a text: its normalised words, then their stems.

    Indexing both lets a search for a stem (which is what a query is reduced to) find every
    form of the word that carries particles, and the original words keep exact matches working.
    """
    key = normalize_arabic(text)
    stems = {stem for word in WORD.findall(key) if (stem := light_stem(word)) != word}
    return "\n".join([key, *sorted(stems)]) if stems else key


def search_expression(query: str) -> str:
    """A typed search as an FTS5 expression: every word stemmed, normalised, and a prefix.

    `بالرباط` and `الرباط` both become `"رباط"*`, and `ايفان` finds ايفانز: words are
    quoted, so FTS5 operators and punctuation in a query are searched as text.
    """
    words = WORD.findall(normalize_arabic(query))
    return " ".join(f'"{light_stem(word)}"*' for word in words)

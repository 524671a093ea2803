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
    """What the full-text index holds for a text: its normalised words, then their stems and prefixes.

    A query is reduced to stems (`search_terms`); indexing every stem and every beginning of a
    word or stem (two letters or more) lets such a query find the forms that carry particles
    (بالرباط for رباط) and the longer words it begins (ايفانز for ايفان), while Datasette's own
    search box still quotes each word as it always does.
    """
    key = normalize_arabic(text)
    words = set(WORD.findall(key))
    extra = {
        form[:end]
        for word in words
        for form in {word, light_stem(word)}
        for end in range(MIN_PREFIX, len(form) + 1)
    } - words
    return "\n".join([key, *sorted(extra)]) if extra else key


MIN_PREFIX = 2
"""Shortest word beginning the index holds: a one-letter search would match nearly every row."""


def search_terms(query: str) -> str:
    """A typed search as the index is searched: every word normalised and stripped of particles.

    `بالرباط`, `والرباط` and `الرباط` all become `رباط`, which the index holds for each of them.
    """
    return " ".join(light_stem(word) for word in WORD.findall(normalize_arabic(query)))

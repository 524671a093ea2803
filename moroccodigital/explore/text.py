"""Arabic text as the explorer shows and searches it: one search key per spelling, and direction."""

from __future__ import annotations

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

"""Rules of the finder about the words around a known name: whether it names its record there, and
which of two namesakes a surname used alone means.

A known name is not its record where it is only part of a longer name: the genitive of an
institution joined by ل ("المكتبة الوطنية للمملكة المغربية"), the end of a company's name ("شركة
أورنج المغرب"), a common name followed by an adjective that makes it another thing ("الحكومة
الفرنسية", "المغرب العربي", "le gouvernement français"), or a country after a capitalised name and
"du" ("Groupe Crédit Agricole du Maroc"), or a foreign ministry's name without its head word
after a definite word ("التجارة الخارجية الأمريكية"), or a body's name followed by another
country or a nation's adjective (another country's namesake body: "وكالة التنمية الرقمية التابعة
لاتحاد جزر القمر").  A surname two registry people share links only where
the text decides: a gendered title or honorific right before it that fits one of them ("Mme
Mezzour", "الوزيرة مزور"), or the full name of one of them, and of no other, earlier in the text.
The words are data (names.yaml).
"""

from __future__ import annotations

import re
from functools import lru_cache

from moroccodigital.finder.lexicon import Entry, Lexicon, Match
from moroccodigital.finder.normalize import fold
from moroccodigital.finder.patterns import PROGRAMME_CUES
from moroccodigital.finder.vocabulary import linking_words

_NEXT_WORD = re.compile(r" (\S+)")
_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
_PREVIOUS_WORDS = re.compile(r"(?:^|\s)(\S+)\s+(\S+)\s+$")
_ARABIC_WORD = re.compile(r"[^\W\d_a-zß-ÿ]+")
_LATIN_NEXT = re.compile(r"[ \u00a0]+([\w'’-]+)")
_GENITIVE = re.compile(r"(?:^|[\s(])([\w'’.-]+)[ \u00a0]+(?:du|de|d['’])[ \u00a0]*$", re.IGNORECASE)
_CAPITALISED_BEFORE = re.compile(
    r"(?:^|[\s(«\"])([A-ZÀ-ÖØ-ÞŒ][\w'’-]*)[ \u00a0]+(?:du|de la|de|des|d['’])[ \u00a0]*$"
)
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;\n«\"]\s*)$")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """The word lists of names.yaml, folded."""
    raw = linking_words()
    lists = ("own_adjectives", "government_heads", "french_qualifiers", "not_qualifiers", "embedding_heads",
             "institution_heads", "company_heads", "title_adjectives", "feminine_given_names",
             "masculine_given_names", "feminine_titles", "masculine_titles", "government_words",
             "keep_country_after", "region_words", "feminine_verbs", "masculine_verbs",
             "not_feminine_verbs")  # fmt: skip
    return {name: frozenset(fold(str(w)) for w in raw[name]) for name in lists}


def own_adjectives() -> frozenset[str]:
    """The country's own adjectives ("المغربية", "marocaine"), folded."""
    return _words()["own_adjectives"]


def surname_cues() -> frozenset[str]:
    """Words after which a surname is expected: gendered titles and reporting verbs, folded."""
    words = _words()
    return frozenset().union(
        *(words[k] for k in ("feminine_titles", "masculine_titles", "feminine_verbs", "masculine_verbs"))
    )


def extra_heads() -> frozenset[str]:
    """Heads of longer names beyond the organisation cues ("مجمع", "رئاسة")."""
    return _words()["embedding_heads"]


# -- known names inside longer names ------------------------------------------------------------


def _qualified(text: str, match: Match) -> bool:
    """A one-word definite name followed by a word that makes it another thing: a country's name
    before a region's word ("المغرب العربي", the Maghreb), or a body's common name ("الحكومة") before
    an adjective of relation that is not the country's own ("الحكومة الفرنسية", "الحكومة الرقمية").
    A country before any other adjective still links: in "شريك المغرب الاستراتيجي" the adjective
    qualifies the partner, except after a programme's cue ("استراتيجية المغرب الرقمي": a masculine
    adjective agrees with the country, not with the cue, so it names the programme)."""
    span = text[match.start : match.end]
    if " " in span or not span.startswith(("ال", "لل")) or not _ARABIC_WORD.fullmatch(span):
        return False
    nxt = _NEXT_WORD.match(text, match.end)
    if nxt is None:
        return False
    word = nxt.group(1).rstrip("،.؛:!؟)\"'")
    words = _words()
    if any(e.kind == "place" or e.category == "country" for e in match.entries):
        cue = _PREVIOUS_WORD.search(text, max(0, match.start - 40), match.start)
        named = cue is not None and cue.end() == match.start and _bare(cue.group(1)) in _programme_cues()
        adjective = word.startswith("ال") and word.endswith("ي") and word not in words["not_qualifiers"]
        return word in words["region_words"] or (named and adjective)
    return (
        word.startswith("ال")
        and word.endswith(("ي", "يه"))
        and len(word) >= 5
        and word not in words["own_adjectives"]
        and word not in words["not_qualifiers"]
    )


@lru_cache(maxsize=1)
def _programme_cues() -> frozenset[str]:
    return frozenset(fold(c) for c in PROGRAMME_CUES)


def _bare(word: str) -> str:
    """A word without one glued conjunction or preposition (و ف ب ل ك)."""
    return word[1:] if word[:1] in "وفبلك" and len(word) > 3 else word


def _institution_start(text: str, match: Match) -> int | None:
    """Where an institution starts whose name a country's name joined by ل or لل completes
    ("المكتبة الوطنية للمملكة المغربية"): a definite head and up to a few definite adjectives
    before it.  A known organisation there ("المجلس الإداري لوكالة التنمية الرقمية") still links."""
    if not all(e.kind == "place" or e.category in ("country", "government") for e in match.entries):
        return None
    if text.startswith("لل", match.start):
        cut = match.start
    elif text[match.start - 1 : match.start] == "ل" and text[match.start - 2 : match.start - 1].isspace():
        cut = match.start - 1
    else:
        return None
    words = [(w.group(), w.start()) for w in re.finditer(r"\S+", text[max(0, cut - 160) : cut])]
    offset = max(0, cut - 160)
    heads = _words()["institution_heads"]
    for k in range(1, min(int(linking_words()["institution_adjectives"]) + 1, len(words)) + 1):
        word, at = words[-k]
        bare = word[1:] if word[:1] in "وب" and word[1:] in heads else word
        if bare in heads:
            return offset + at + len(word) - len(bare)
        if not word.startswith("ال"):
            return None
    return None


def _company_start(text: str, match: Match) -> int | None:
    """Where a company's name starts that a country's name ends ("شركة أورنج المغرب"): a company
    head, one proper word, then the country."""
    if not all(e.kind == "place" or e.category == "country" for e in match.entries):
        return None
    m = _PREVIOUS_WORDS.search(text, max(0, match.start - 60), match.start)
    if m is None or m.end() != match.start:
        return None
    head, name = m.group(1), m.group(2)
    bare = head[1:] if head[:1] in "وب" and head[1:] in _words()["company_heads"] else head
    if bare in _words()["company_heads"] and not name.startswith("ال"):
        return m.start(2)
    return None


def _adjective_of_the_word_before(text: str, match: Match) -> bool:
    """A ministry's name without its head ("الخارجية الأمريكية") after a definite word: there it is
    that word's adjective ("التجارة الخارجية الأمريكية", American foreign trade)."""
    if not all(e.headless for e in match.entries):
        return False
    before = _PREVIOUS_WORD.search(text, max(0, match.start - 40), match.start)
    return before is not None and before.end() == match.start and _bare(before.group(1)).startswith("ال")


@lru_cache(maxsize=1)
def _foreign() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """After a body's name: another country after "التابعة ل" or a nation's adjective (Arabic,
    folded), or another country after "du", "de la" (French, as written).  A glued ب ("بالسنغال")
    is not one: it may say where the body acted."""
    raw = linking_words()
    countries = [str(w) for w in raw["foreign_countries"]]
    arabic = sorted(
        {fold(c) for c in countries if _ARABIC_WORD.fullmatch(c.replace(" ", ""))}, key=len, reverse=True
    )
    latin = sorted(
        {c for c in countries if not _ARABIC_WORD.fullmatch(c.replace(" ", ""))}, key=len, reverse=True
    )
    adjectives = sorted({fold(str(w)) for w in raw["foreign_adjectives"]}, key=len, reverse=True)
    bare = "|".join(re.escape(c[2:] if c.startswith("ال") else c) for c in arabic)
    full = "|".join(re.escape(c) for c in arabic)
    states = r"(?:جمهوريه|مملكه|اتحاد|دوله|اماره)\s+"
    ar = re.compile(
        rf"\s+(?:(?:التابعه|التابع)\s+(?:ل(?:{states})?(?:{full})|لل(?:{bare}))"
        rf"|(?P<adjective>{'|'.join(re.escape(a) for a in adjectives)}))(?!\w)"
    )
    names = "|".join(re.escape(c) for c in latin)
    fr = re.compile(rf"[ \u00a0]+(?:du|de la|de l['’]|des|de|d['’])[ \u00a0]*(?:{names})(?![\w-])")
    return ar, fr


def foreign_namesake(text: str, end: int, match: Match, latin: bool = False) -> bool:
    """A registry body's name (ending at `end` of `text`: the normalised text, or for a Latin name
    the text as written) followed by another country or a nation's adjective: that country's body
    of the same name ("وكالة التنمية الرقمية التابعة لاتحاد جزر القمر", "l'Agence de Développement
    du Digital du Sénégal"), not the record, unless the adjective is the record's own country's
    ("وزارة التجارة الأمريكية" is the registry's US Department of Commerce)."""
    kinds = set(linking_words()["namesake_kinds"])
    if not all(e.kind == "actor" and e.category in kinds for e in match.entries):
        return False
    ar, fr = _foreign()
    after = (fr if latin else ar).match(text, end)
    if after is None:
        return False
    own = _nation_codes().get(after.group("adjective") or "") if not latin else None
    return not (own and all(e.country == own for e in match.entries))  # its own country's adjective


@lru_cache(maxsize=1)
def _nation_codes() -> dict[str, str]:
    """Folded nation adjectives → their country's ISO code (names.yaml `nation_codes`)."""
    return {
        fold(str(a)): str(code)
        for code, adjectives in linking_words()["nation_codes"].items()
        for a in adjectives
    }


def inside_longer_name(text: str, match: Match) -> bool:
    """True when an Arabic known name is only part of a longer name (see the module's rules)."""
    return (
        _adjective_of_the_word_before(text, match)
        or foreign_namesake(text, match.end, match)
        or _qualified(text, match)
        or _institution_start(text, match) is not None
        or _company_start(text, match) is not None
    )


def longer_name_start(text: str, match: Match) -> int | None:
    """Where the institution starts whose name an Arabic known name completes ("المكتبة الوطنية
    للمملكة المغربية").  The other rules give no start: after an adjective or at the end of a
    company's name the known name links to nothing, and the finder's other readings (the
    company's cue, a known company: "شركة إنتل المغرب" is Intel) stand."""
    return _institution_start(text, match)


def latin_inside_longer_name(original: str, start: int, end: int, alias: str, country: bool) -> bool:
    """The French rules, on the text as written: a common noun that names the government ("le
    gouvernement") after a title or organ ("le chef du gouvernement") or before a qualifier ("le
    gouvernement français", "du gouvernement de la France"); any name glued by a hyphen to the word
    before it ("e-gouvernement", "e-Maroc"); and a capitalised name followed by
    "du" before a country's name (`country`): "Groupe Crédit Agricole du Maroc", not "Royaume du
    Maroc" (names.yaml's `keep_country_after`)."""
    words = _words()
    before = original[max(0, start - 60) : start]
    if before[-2:-1].isalnum() and before[-1:] in "-‐‑":
        return True  # glued by a hyphen: "e-gouvernement", "e-Maroc"
    if fold(alias) in words["government_words"]:
        head = _GENITIVE.search(before)
        if head and fold(head.group(1)) in words["government_heads"]:
            return True
        nxt = _LATIN_NEXT.match(original, end)
        if nxt:
            word = fold(nxt.group(1))
            endings = tuple(str(e) for e in linking_words()["french_qualifier_endings"])
            if word in {"de", "du", "d'", "des"} or word.startswith(("d'", "d’")):
                return True
            if word in words["french_qualifiers"] or (
                word.endswith(endings) and word not in words["own_adjectives"]
            ):
                return True
        return False
    capital = _CAPITALISED_BEFORE.search(before)
    if not country or capital is None or not alias[:1].isupper():
        return False
    offset = start - len(before)
    opens = _SENTENCE_OPENS.search(original, max(0, offset - 60), offset + capital.start(1))
    return fold(capital.group(1)) not in words["keep_country_after"] and not opens


# -- namesakes ----------------------------------------------------------------------------------


def _gender(entry: Entry) -> str | None:
    words = _words()
    if any(g in words["feminine_given_names"] for g in entry.given):
        return "f"
    if any(g in words["masculine_given_names"] for g in entry.given):
        return "m"
    return None


def _longest_first(items: frozenset[str]) -> str:
    """An alternation of words, the longest tried first."""
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    words = _words()
    alt = _longest_first
    return re.compile(
        rf"(?:^|[\s(])[و]?(?:(?P<f>{alt(words['feminine_titles'] | words['feminine_verbs'])})"
        rf"|(?P<m>{alt(words['masculine_titles'] | words['masculine_verbs'])}))"
        rf"(?:\s+(?:{alt(words['title_adjectives'])}))*\s*$"
    )


def _title_gender(text: str, start: int) -> str | None:
    """The gender of a title, an honorific or a reporting verb right before a surname ("السيدة
    مزور", "M. Mezzour", "أجرت السغرشني": Arabic verbs agree with their subject's gender), or of
    any word shaped as a feminine perfect verb ("عقدت مزور")."""
    m = _title_pattern().search(text, max(0, start - 60), start)
    if m is not None:
        return "f" if m.group("f") else "m"
    verb = _FEMININE_PERFECT.search(text, max(0, start - 20), start)
    if verb is not None and verb.group(1) not in _words()["not_feminine_verbs"]:
        return "f"
    return None


_FEMININE_PERFECT = re.compile(r"(?:^|\s)[وف]?([^\W\d_a-z]{2,6}(?<!ا)ت)\s+$")
"""A word of a perfect verb's shape ending in the feminine ت, not the plural ات (عقدت, not بيانات)."""


@lru_cache(maxsize=1)
def _apposed_title_pattern() -> re.Pattern[str]:
    words = _words()
    feminine, masculine = _longest_first(words["feminine_titles"]), _longest_first(words["masculine_titles"])
    return re.compile(rf"\s*[،,]?\s*(?:(?P<f>{feminine})|(?P<m>{masculine}))(?!\w)")


def _apposed_gender(text: str, end: int) -> str | None:
    """The gender of a title in apposition right after a surname ("السغروشني، وزيرة الانتقال
    الرقمي", "Seghrouchni, présidente de ..."); not a verb, which may open the next clause."""
    m = _apposed_title_pattern().match(text, end, end + 60)
    if m is None:
        return None
    return "f" if m.group("f") else "m"


def _named_in(text: str, names: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w)(?:[وفبلك]{{0,2}}){re.escape(n)}(?!\w)", text) for n in names)


def resolve_namesakes(text: str, match: Match, lexicon: Lexicon) -> Match:
    """A surname several registry people share, narrowed to one where the text decides: a gendered
    title or verb right before it, or a title in apposition after it, that fits only one of them,
    or the full name of exactly one of them earlier in the text (and of no other anywhere in it).
    Otherwise it stays ambiguous."""
    refs = {e.ref for e in match.entries}
    if len(refs) < 2 or not all(e.surname for e in match.entries):
        return match
    kept = match.entries
    gender = _title_gender(text, match.start) or _apposed_gender(text, match.end)
    if gender is not None:
        kept = tuple(e for e in kept if _gender(e) in (gender, None))
    if len({e.ref for e in kept}) > 1:
        full = lexicon.full_names
        earlier = {e.ref for e in kept if _named_in(text[: match.start], full.get(e.ref, ()))}
        others = {e.ref for e in match.entries} - earlier
        if len(earlier) == 1 and not any(_named_in(text, full.get(r, ())) for r in others):
            kept = tuple(e for e in kept if e.ref in earlier)
    if kept and len({e.ref for e in kept}) == 1:
        return Match(match.start, match.end, kept, match.variant)
    return match

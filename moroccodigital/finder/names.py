"""Rules of the finder about names: French capitalised names, and when a known name must not link.

French names are read from the text as written (capitals matter: "Maroc Telecom" is a name,
"le marché marocain" is not), then mapped to the offsets of the normalised text the rest of the
finder works on.  A known name does not link where it is only part of a longer name ("اتصالات
المغرب" is Maroc Telecom, "رئيس الحكومة" the head of government, "Maroc Digital 2030" a strategy),
or where a surname used alone follows another person's given name ("يوسف العمراني" is not Sarah
Lamrani's "العمراني").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from moroccodigital.finder import dates as D
from moroccodigital.finder import linking
from moroccodigital.finder import patterns as P
from moroccodigital.finder.fastre import quick
from moroccodigital.finder.lexicon import Entry, Lexicon, Match
from moroccodigital.finder.normalize import Normalized, fold, trie_pattern
from moroccodigital.finder.vocabulary import given_names

Proposal = tuple[str, int, int, dict[str, Any]]

_CAP = r"(?:[A-ZÀ-ÖØ-ÞŒ][\w'’.-]*[\w]|[A-ZÀ-ÖØ-ÞŒ])"
_PARTICLE = r"(?:de la|de l['’]|de|du|des|d['’]|l['’]|la|le|les|et|pour|al-|el-|ben|bin|ibn|ould|von|van)"
_RUN = quick(
    rf"(?<![\w'’-])(?:[dlDL]['’])?"
    rf"(?P<run>{_CAP}(?:(?:(?:[ \u00a0]+{_PARTICLE})+[ \u00a0]*|[ \u00a0]+|-)(?={_CAP}){_CAP})*)"
    r"(?P<year>[ \u00a0](?:19|20)\d\d(?![\w]|[.,]\d))?"
)
"""Capitalised words joined by spaces and the particles of names ("Agence de Développement du
Digital", "Amal El Fallah Seghrouchni"), and a year right after them ("Gitex Africa 2025")."""
_FUNCTION = frozenset(P.FRENCH_FUNCTION_WORDS)
_INSTITUTION_NOUNS = frozenset(fold(w) for w in P.FRENCH_INSTITUTION_NOUNS)
_LEADING = _FUNCTION | frozenset(w.rstrip("'-") for w in P.LATIN_PARTICLES)
_TITLE_WORDS = frozenset(
    w.lower() for t in P.FRENCH_TITLES for w in re.split(r"[\s'’]", t)
) | {"délégué", "déléguée", "général", "générale", "exécutif", "adjoint", "adjointe", "marocain",
     "marocaine", "américain", "américaine", "français", "française"}  # fmt: skip
"""Last words of a title (a cheap test before the title regex runs)."""
_WORD = re.compile(r"\S+")
_ELIDED = re.compile(r"[dlDL]['’]\w")
_LATIN_SPAN = re.compile(r"[a-zß-ÿ]")
_CAPITAL_AFTER = re.compile(r" ([A-ZÀ-ÖØ-Þ][\w'’-]*)")
_CAPITAL_BEFORE = re.compile(r"(?:^|[\s(])([A-ZÀ-ÖØ-Þ][\w'’-]*) $")
_PARTICLES = frozenset(w.rstrip("'-") for w in P.LATIN_PARTICLES)
_MONTHS_DAYS = frozenset({*(fold(m) for m in D.MONTHS), *D.FRENCH_WEEKDAYS})
_HONORIFIC = re.compile(rf"(?:^|[\s(])(?:{'|'.join(re.escape(h) for h in P.FRENCH_HONORIFICS)})\s+$")
_TITLE = re.compile(
    r"(?:^|[\s'’])(?:"
    + "|".join(re.escape(t) for t in sorted(P.FRENCH_TITLES, key=len, reverse=True))
    + r")(?:\s+(?:délégué|déléguée|général|générale|exécutif|adjoint|adjointe|marocain|marocaine|"
    r"américain|américaine|français|française))*,?\s+$",
    re.IGNORECASE,
)
_HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in P.FRENCH_HONORIFICS)
_RANKS = frozenset(P.FRENCH_RANKS)
_HONORIFIC_LOWER = frozenset(h.lower() for h in _HONORIFIC_WORDS)


def _opens_sentence(before: str, start: int) -> bool:
    """True when the text before a word (up to 60 characters) ends a sentence or is the start."""
    stripped = before.rstrip()
    if not stripped:
        return start <= len(before) or "\n" in before
    return stripped[-1] in '.!?:;\n«"' or "\n" in before[len(stripped) :]


_APPOSED = re.compile(
    r"(?:^|[\s'’])(?:"
    + "|".join(re.escape(t) for t in sorted(P.FRENCH_TITLES, key=len, reverse=True))
    + r")\b[^.;:!?,]{0,100},\s*$",
    re.IGNORECASE,
)
"""A title, its complement and a comma just before a name: the name is the title-holder."""
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n«\"]\s*|\n\s*)$")


def _to_normalized(norm: Normalized, offset: int) -> int:
    """The normalised offset of an original offset (the original's removed characters skipped)."""
    return offset - bisect_left(norm.removed, offset) if norm.removed else offset


def french_names(norm: Normalized) -> list[Proposal]:
    """Names in a French text: capitalised runs, people after a title or honorific or starting
    with a given name, each with a year that follows as part of the name."""
    text = norm.original
    out: list[Proposal] = []
    given = _given_names()
    for m in _RUN.finditer(text):
        all_words = [(w.group(), w.start()) for w in _WORD.finditer(m.group("run"))]
        for words, final in _segments(all_words):
            while words and (words[0][0].lower().rstrip("'’") in _LEADING):
                words.pop(0)
            while words and words[-1][0].lower() in _PARTICLES:
                words.pop()
            ranked = False
            while len(words) > 1 and words[0][0] in _RANKS:  # "Sa Majesté le Roi Mohammed VI"
                words.pop(0)
                ranked = True
                while len(words) > 1 and words[0][0].lower() in _LEADING:
                    words.pop(0)
            if words and _ELIDED.match(words[0][0]):
                words[0] = (words[0][0][2:], words[0][1] + 2)
                if not words[0][0][:1].isupper():  # "L'opérateur": an elided article and a common noun
                    words.pop(0)
            if not words or (len(words) == 1 and len(words[0][0]) == 1):
                continue
            start = m.start("run") + words[0][1]
            end = m.start("run") + words[-1][1] + len(words[-1][0])
            first = words[0][0]
            before = text[max(0, start - 60) : start]
            if len(words) == 1 and (fold(first) in _MONTHS_DAYS or fold(first) in _INSTITUTION_NOUNS):
                continue
            if len(words) == 1 and _opens_sentence(before, start) and not first.isupper():
                continue  # one capitalised word opening a sentence: a common word, most often
            kind = "latin"
            if first.rstrip(".") in _HONORIFIC_WORDS:
                continue
            previous = before.rstrip(" ,\u00a0").rsplit(None, 1)
            last = previous[-1].lower() if previous else ""  # nothing but spaces and commas before: ""
            titled = (
                last.rstrip(".") in _HONORIFIC_LOWER or last.split("'")[-1].split("’")[-1] in _TITLE_WORDS
            )
            if (
                (titled and (_HONORIFIC.search(before) or _TITLE.search(before)))
                or (len(words) > 1 and fold(first) in given)
                or (ranked and first not in _RANKS)
            ):
                kind = "person"
            elif (
                len(words) > 1
                and before.rstrip().endswith(",")
                and _APPOSED.search(text, max(0, start - 120), start)
            ):
                kind = "person"  # "le directeur général de l'ADD, Mohammed Drissi Melyani,"
            if final and m.group("year") and kind == "latin" and fold(words[-1][0]) not in _MONTHS_DAYS:
                end, kind = m.end("year"), "name"
            data = {"kind": "person" if kind == "person" else "name"}
            out.append((kind, _to_normalized(norm, start), _to_normalized(norm, end), data))
    return out


_ADJECTIVE = "(?:" + "|".join(P.FRENCH_INSTITUTION_ADJECTIVES) + ")"
_INSTITUTION = re.compile(
    rf"(?<![\w-])(?:{'|'.join(P.FRENCH_INSTITUTION_HEADS)}|ministère)(?:[ \u00a0]+{_ADJECTIVE})*"
    rf"(?:[ \u00a0]+(?:et[ \u00a0]+)?(?:de la|de l['’]|des|du|de|d['’])[ \u00a0]*[^\W\d_][\w'’-]*"
    rf"(?:[ \u00a0]+{_ADJECTIVE})*){{1,6}}(?![\w'’-])"
)
"""An institution written in sentence case: a capitalised head, its adjectives, and genitives
joined by de/des/du ("Agence nationale de réglementation des télécommunications"); a ministry
is often written in lower case ("le ministère de l'Économie et des Finances")."""


def institutions(norm: Normalized) -> list[Proposal]:
    """Institutions whose names go on in lower case, which capitalised runs cut short."""
    text = norm.original
    out: list[Proposal] = []
    for m in _INSTITUTION.finditer(text):
        end = m.end()
        while text[m.start() : end].rsplit(None, 1)[-1].lower().rstrip("'’") in _PARTICLES:
            end = m.start() + len(text[m.start() : end].rsplit(None, 1)[0])
        out.append(("latin", _to_normalized(norm, m.start()), _to_normalized(norm, end), {"kind": "name"}))
    return out


def _segments(words: list[tuple[str, int]]) -> list[tuple[list[tuple[str, int]], bool]]:
    """A run cut at each "et" that joins two names ("Médi Telecom et Wana Corporate", "le Maroc et
    la France"): where a capital, or an article and a capital, follows it.  An institution's
    name keeps its "et" ("Ecole Nationale des Arts et Métiers"); "et de la Réforme" never cuts.
    Each part says whether it ends the run (a year after the run belongs to the last part)."""
    if not words or fold(words[0][0]) in _INSTITUTION_NOUNS:
        return [(words, True)]
    parts: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for k, (word, offset) in enumerate(words):
        after = words[k + 1 : k + 3]
        nxt = after[0][0] if after else ""
        joins = nxt[:1].isupper() or (nxt.lower() in {"la", "le", "les"} and len(after) > 1)
        if word == "et" and current and joins and not _ELIDED.match(nxt):
            parts.append(current)
            current = []
            continue
        current.append((word, offset))
    parts.append(current)
    return [(part, k == len(parts) - 1) for k, part in enumerate(parts)]


def glued_conjunction(name: str) -> bool:
    """True when a name's first word is و glued to a common given name ("وعمر السغروشني"): the
    و joins the name to the text before it and is not part of it."""
    first = name.split(maxsplit=1)[0] if name else ""
    return first[:1] == "و" and fold(first[1:]) in _given_names()


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(fold(w) for w in given_names())


_PROCLITIC = re.compile(r"^(?:[وف]?[بلك]?)")
_OPENING = "(«\"“'["


def _head(word: str, heads: frozenset[str]) -> str:
    """A word before a known name without its opening mark and proclitics, as a head if it is
    one ("(اتصالات", "وبنك": بنك, not "نك")."""
    word = word.lstrip(_OPENING)
    for bare in (word, word[1:], word[2:]):
        if bare in heads:
            return bare
    return _PROCLITIC.sub("", word, count=1)


_CUE_HEADS = frozenset(fold(h) for h in P.EMBEDDING_HEADS)
_TITLE_HEADS = frozenset(fold(t) for t in P.TITLES)
_CATEGORY_HEADS = {fold(head): kind for head, kind in P.CATEGORY_HEADS.items()}
_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
_NEXT_WORD = re.compile(r"^ (\S+)")


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """Heads of longer names: the organisation cues and titles, and names.yaml's others."""
    return _CUE_HEADS | linking.extra_heads()


@lru_cache(maxsize=1)
def _any_heads() -> frozenset[str]:
    """Every word `_head` recognises: heads of longer names, titles, heads naming a kind."""
    return _heads() | _TITLE_HEADS | frozenset(_CATEGORY_HEADS)


def _previous_word(text: str, start: int) -> str:
    m = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return m.group(1) if m and m.end() == start else ""


def is_embedded(norm: Normalized, match: Match) -> bool:
    """True when a known name is only part of a longer name: after an Arabic head noun of which
    it is the genitive ("اتصالات المغرب", "رئيس الحكومة"; a country after a title, "سفير المغرب",
    still links), or, in Latin script, beside another capitalised word ("Maroc Telecom"), or with
    other capitals than the name ("add" is not ADD)."""
    text = norm.text
    span = text[match.start : match.end]
    country = all(e.kind == "place" or e.category == "country" for e in match.entries)
    if all(e.surname for e in match.entries) and _named_before(text, match) is not None:
        return False  # "El Fallah Seghrouchni": the capitalised words before it are the person's own
    if _LATIN_SPAN.search(span):
        aliases = [e.alias for e in match.entries if fold(e.alias) == span] or [match.entries[0].alias]
        a, b = norm.start(match.start), norm.end(match.end)
        nation = country and any(e.category == "country" for e in match.entries)  # not a city
        if linking.foreign_namesake(norm.original, b, match, latin=True):
            return True
        return latin_embedded(norm.original, a, b, aliases[0]) or linking.latin_inside_longer_name(
            norm.original, a, b, aliases[0], nation
        )
    if any(e.kind == "initiative" for e in match.entries):
        return False
    if linking.inside_longer_name(text, match):
        return True
    previous = _previous_word(text, match.start)
    if not previous:
        return False
    heads = _heads()
    bare = _head(previous, _any_heads())
    if bare in _TITLE_HEADS and (country or " " in span):
        return False  # "سفير المملكة المغربية", "رئيس اللجنة الوطنية لمراقبة ...": the title-holder's
        # country or named body is a mention of it (a one-word common name is not: "رئيس الحكومة")
    if _CATEGORY_HEADS.get(bare) and all(e.category == _CATEGORY_HEADS[bare] for e in match.entries):
        return False  # "شركة إنتل": the head says what the known actor is
    return bare in heads and not span.startswith("لل")


def latin_embedded(original: str, start: int, end: int, alias: str) -> bool:
    """The Latin-script test of `is_embedded`, on the text as written."""
    span = original[start:end]
    if alias.isupper() and not span.isupper() and not (len(alias) >= 4 and span == span.capitalize()):
        return True  # an acronym is written in capitals ("add" is not ADD), or, if long, with one ("Apebi")
    if " " not in alias and alias[:1].isupper() and not span[:1].isupper():
        return True  # a one-word name is capitalised: "maroc" in an address is not Morocco
    after = _CAPITAL_AFTER.match(original, end, end + 40)
    if after and after.group(1).lower() not in _FUNCTION and fold(after.group(1)) not in _MONTHS_DAYS:
        return True
    before = _CAPITAL_BEFORE.search(original[max(0, start - 40) : start])
    if before and before.group(1).lower().rstrip("'’") not in _FUNCTION | _PARTICLES:
        word = before.group(1)
        opens_sentence = _SENTENCE_START.search(
            original[max(0, start - len(word) - 4) : start - len(word) - 1]
        )
        return not (word.endswith(".") or word in P.FRENCH_HONORIFICS or opens_sentence)
    return False


def resolve_surname(
    text: str, match: Match, lexicon: Lexicon, persons: Iterable[tuple[int, int]]
) -> Match | None:
    """A surname used alone, checked against the words before it: after a given name it keeps
    only the people of that given name, and the given name joins the span ("يوسف العمراني" is not
    Sarah Lamrani's "العمراني"); inside a person found from a title whose first word is another
    given name, it is someone else (None).  A surname several people share is narrowed where the
    text decides (`linking.resolve_namesakes`).  Other matches pass unchanged."""
    if not all(e.surname for e in match.entries):
        return match
    named = _named_before(text, match)
    if named is not None:
        return named
    word = _previous_word(text, match.start)
    bare = word[1:] if word[:1] in "وف" and word[1:] in lexicon.given_names else word
    if bare in lexicon.given_names:
        kept = tuple(e for e in match.entries if bare in e.given)
        if not kept:
            return None
        start = match.start - len(word) - 1 + (len(word) - len(bare))
        return Match(start, match.end, kept, match.variant)
    for start, end in persons:
        if start < match.start and match.end <= end + 2:
            first = text[start:end].split()[0]
            if not any(first in e.given for e in match.entries):
                return None
    return linking.resolve_namesakes(text, match, lexicon)


def _after_forenames(text: str, match: Match) -> Match | None:
    """A surname after the words that stand before it in one person's full name ("أمل الفلاح
    صغروشني", "الفلاح سغروشني"): the people whose names put the longest such run there, and the run
    joins the span.  A respelt surname two people share is decided by the rest of the name."""
    best: list[Entry] = []
    reach = 0
    for entry in match.entries:
        for forename in entry.forenames:
            words = forename.split()
            for k in range(len(words), 0, -1):
                run = " ".join(words[-k:])
                begin = match.start - 1 - len(run)
                if begin >= 0 and text[begin : match.start - 1] == run and text[match.start - 1].isspace():
                    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
                        continue
                    span = match.start - begin
                    if span > reach:
                        best, reach = [entry], span
                    elif span == reach and entry not in best:
                        best.append(entry)
                    break
    if not best:
        return None
    return Match(match.start - reach, match.end, tuple(best), match.variant)


def _named_before(text: str, match: Match) -> Match | None:
    """A surname after its person's words as recorded, or after a Latin given name respelt."""
    return _after_forenames(text, match) or _after_respelt_forename(text, match)


_LATIN_BEFORE = re.compile(r"(?<![\w-])([a-zß-ÿ]{3,}) $")
_LATIN_LETTERS = re.compile(r"[a-zß-ÿ]+")


def _after_respelt_forename(text: str, match: Match) -> Match | None:
    """A surname right after a Latin given name spelt with other vowels ("Nazha Hayat" for Nezha
    Hayat): the people of that given name, as a variant.  A common given name is a name of its
    own ("Nada" is not "Nadia"), and a key of fewer than three letters decides nothing."""
    m = _LATIN_BEFORE.search(text, max(0, match.start - 30), match.start)
    if m is None or m.group(1) in _common_given_names():
        return None
    word = m.group(1)
    key = latin_key(word)
    if len(key) < 3:
        return None
    kept = tuple(
        e
        for e in match.entries
        if any(
            (last := f.split()[-1]) != word and _LATIN_LETTERS.fullmatch(last) and latin_key(last) == key
            for f in e.forenames
        )
    )
    return Match(m.start(1), match.end, kept, variant=True) if kept else None


@lru_cache(maxsize=1 << 14)
def latin_key(word: str) -> str:
    """A Latin name's spelling key: its first letter, then its consonants, a doubled one once,
    without accents ("Nazha", "Nezha": nzh; "Mohamed", "Mohammed": mhmd; "Sghrouchni",
    "Seghrouchni": sghrchn)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
    return re.sub(r"(.)\1+", r"\1", plain[:1] + re.sub("[aeiouy]", "", plain[1:]))


@lru_cache(maxsize=1)
def _common_given_names() -> frozenset[str]:
    return frozenset(fold(w) for w in given_names())


def starts_with_place(name: str) -> bool:
    """A name whose first word is a glued preposition and the first word of a place ("بسان")."""
    first = name.split()[0]
    return any(
        first[len(p) :] in _PLACE_PREFIXES for p in ("ب", "ل", "و", "وب", "ول", "ف") if first.startswith(p)
    )


_PLACE_PREFIXES = frozenset(fold(w) for w in P.PLACE_PREFIXES)


def embedding_head(text: str, match: Match) -> int | None:
    """Where the longer name around an embedded Arabic known name starts ("اتصالات المغرب", "المكتبة
    الوطنية للمملكة المغربية"), or None when the head is a title ("رئيس الحكومة" names a person,
    found by other rules) or the name is followed by what makes it another ("المغرب العربي")."""
    if _LATIN_SPAN.search(text, match.start, match.end):
        return None
    start = linking.longer_name_start(text, match)
    if start is not None:
        return start
    word = _previous_word(text, match.start)
    heads = _heads()
    bare = _head(word, _any_heads())
    if not word or bare in _TITLE_HEADS or bare not in heads:
        return None  # a title, or an adjective after the name ("المغرب العربي"): no longer name here
    return match.start - 1 - len(bare)


@lru_cache(maxsize=1)
def _gazetteer() -> re.Pattern[str]:
    path = resources.files("moroccodigital.finder") / "gazetteer.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    words = [fold(line.strip()) for line in lines if line.strip() and not line.startswith("#")]
    between = r"(?:\s*[-–]\s*|\s+)"  # the parts of a name: "مراكش آسفي", "مراكش-آسفي", "مراكش - آسفي"
    trie = trie_pattern(sorted({re.sub(r"[\s-]+", " ", w) for w in words})).replace(r"\ ", between)
    return re.compile(rf"(?<!\w)(?:[وبلف]{{1,2}}(?=\w))?({trie})(?![\w'’-])")


def gazetteer_places(norm: Normalized) -> list[Proposal]:
    """Places outside the registries from the finder's gazetteer (gazetteer.txt): a Moroccan city
    or a country the press cites ("الناظور", "la France", "Abidjan"), kind place without an id.  A
    Latin one is capitalised as written and not part of a longer capitalised name ("Casablanca
    Finance City")."""
    out: list[Proposal] = []
    for m in _gazetteer().finditer(norm.text):
        start, end = m.start(1), m.end(1)
        a, b = norm.start(start), norm.end(end)
        if _LATIN_SPAN.search(norm.text, start, end):
            written = norm.original[a:b]
            if not written[:1].isupper() or latin_embedded(norm.original, a, b, written):
                continue
        out.append(("place", start, end, {"kind": "place"}))
    return out


_SENTENCE_END = re.compile(r"[.!?؟\n]")


def near_their_place(text: str, matches: list[Match]) -> list[Match]:
    """Known names, without the generic readings whose record's place the sentence does not name
    ("مركز بيانات" is the Dakhla data centre only in a sentence that names Dakhla)."""
    places = [(m.start, {e.ref for e in m.entries if e.kind == "place"}) for m in matches]
    out = []
    for match in matches:
        if not any(e.near for e in match.entries):
            out.append(match)
            continue
        start = max((s.end() for s in _SENTENCE_END.finditer(text, 0, match.start)), default=0)
        end = m.start() if (m := _SENTENCE_END.search(text, match.end)) else len(text)
        named = set().union(*(refs for at, refs in places if start <= at < end))
        kept = tuple(e for e in match.entries if not e.near or e.near in named)
        if kept:
            out.append(Match(match.start, match.end, kept, match.variant))
    return out

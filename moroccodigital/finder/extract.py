"""The candidate finder: every number, amount, date and name an Arabic or French news article states.

Deterministic and rule-based (no model).  `find(text, lexicon)` returns candidate mentions with
code-point offsets into the text as given, the offsets the evidence table uses.  Families of
patterns compete for the same characters; where two overlap, the more specific reading wins
(then the longer): known names first (so "المغرب الرقمي 2030" is a name, not a year), then
names with numbers, quoted names and named events, amounts, dates and times, runs of Latin
words, unknown organisations and people, and bare numbers last.

Speed: the text is normalised once; known names, quoted and Latin names are one pass each; every
other pattern runs only in windows around its trigger words (digits, month and number words,
cue words), found in one pass, so a pattern costs nothing where its trigger is absent.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, fields, replace
from typing import Any

import numpy as np

from moroccodigital.curation.texts import find_all
from moroccodigital.finder import dates as D
from moroccodigital.finder import french_paraphrases, names, paraphrases
from moroccodigital.finder import patterns as P
from moroccodigital.finder.amounts import NUMBER_WORDS, parse_number
from moroccodigital.finder.lexicon import Lexicon, Match
from moroccodigital.finder.names import french_names
from moroccodigital.finder.normalize import Normalized, normalize
from moroccodigital.finder.readers import Proposal, plans

KINDS = ("actor", "place", "initiative", "name", "amount", "date", "time", "organisation", "person", "number")
"""What a candidate is.  actor/place/initiative: a known record (see `ref`); name: a name not in
the registries (quoted, Latin, or with a number inside); organisation/person: an unknown one
found from a cue word; amount: a number with a unit, multiplier or qualifier, or a number word
of unstated value; time: a clock time (12:00); number: a number standing alone."""

_WORD_TAIL = re.compile(r"\w*")
_PRIORITY = {
    "known": 0, "titled": 0, "name": 1, "variant": 2, "amount": 2, "date": 3, "time": 3, "place": 4,
    "latin": 4, "organisation": 5, "person": 5, "number": 6,
}  # fmt: skip
"""Which reading wins where two overlap (the longer, at equal rank).  A run of Latin words yields to
dates ("11 juillet 2025"); a gazetteer place and a Latin run of equal span: the place."""


@dataclass(frozen=True)
class Candidate:
    """A mention the finder found: where it is, what it is, and what it resolves to."""

    start: int
    """Offset of the first character (code points of the text as given)."""
    end: int
    """Offset after the last character."""
    text: str
    """The text between start and end, exactly as written."""
    kind: str
    """One of KINDS."""
    value: float | None = None
    """Amounts and numbers: the value stated (None where a number word states none)."""
    unit: str | None = None
    """Amounts: currency, megawatt, jobs, graduates, engineers, skilled_professionals, percent..."""
    currency: str | None = None
    """ISO 4217 code when unit is currency."""
    comparator: str | None = None
    """Amounts: a value of enums.Comparator (equal, more_than, at_least, about, at_most, less_than,
    or unspecified when no number is stated)."""
    edtf: str | None = None
    """Dates: an EDTF string of exactly what is written (XXXX where no year is given), if any."""
    precision: str | None = None
    """Dates: day, day_range, month, year, year_range, part_of_year, weekday_only, relative, recent,
    or hijri_day, hijri_month, hijri_year (a Hijri date: text kept, no EDTF, since Moroccan Hijri
    months follow the moon's sighting and have no exactly computable Gregorian day)."""
    ref: str | None = None
    """Known names: the id of the record (None when the form is ambiguous)."""
    alternatives: tuple[str, ...] = ()
    """Known names with more than one reading: every reading as kind:id."""
    alias: str | None = None
    """Known names: the surface form as the registry records it."""
    variant: bool = False
    """Known names: found through the spelling key of a surname (lexicon.skeleton), not as recorded."""


FIELDS = tuple(f.name for f in fields(Candidate) if f.name != "variant")
"""The fields scan writes as columns (its Parquet schema); `variant` is not one of them yet."""


def language(text: str) -> str:
    """ "fr" when Latin letters outnumber Arabic ones (in the first 20,000 characters), else "ar"."""
    codes = np.frombuffer(text[:20000].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    arabic = int(np.count_nonzero((codes >= 0x0621) & (codes <= 0x064A)))
    latin = int(np.count_nonzero(((codes | 0x20) >= 0x61) & ((codes | 0x20) <= 0x7A)))
    latin += int(np.count_nonzero((codes >= 0xC0) & (codes <= 0xFF)))
    return "fr" if latin > arabic else "ar"


def find(text: str, lexicon: Lexicon | None = None, *, lang: str | None = None) -> list[Candidate]:
    """Every candidate in a text, in order of position, none overlapping another.  `lang` ("ar"
    or "fr") defaults to `language(text)`; it decides how Latin runs and decimal commas read."""
    norm = normalize(text)
    lang = lang or language(text)
    proposals = list(_propose(norm, lexicon, lang))
    proposals.sort(key=lambda p: (_PRIORITY[p[0]], p[1] - p[2], p[1]))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[dict[str, Any]] = []
    for _, start, end, data in proposals:
        i = bisect_left(starts, start)
        if (i < len(starts) and starts[i] < end) or (i > 0 and ends[i - 1] > start):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.insert(i, data)
    # the spans chosen do not overlap, so they are in order of position, as their candidates are
    found = [_candidate(norm, *item) for item in zip(starts, ends, chosen, strict=True)]
    return _shared_multiplier(text, _shared_currency(text, found), lang == "fr")


_RANGE_BETWEEN = re.compile(r"[^.!?؟\n]{0,40}?(?<!\w)(?:à|jusqu'à|vers|إلى|الى)\s+$")
"""Between two amounts of a range ("de 17,9 milliards de dirhams en 2023 à 40 milliards", "من 17.9
مليار درهم إلى 40 مليارا"): no sentence end, at most 40 characters, ending with the range's "to"."""


def _shared_currency(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """An amount with a multiplier but no unit after "to" in a range takes the currency of the
    amount it is counted from, stated once for both ("... à 40 milliards")."""
    out = list(candidates)
    last: Candidate | None = None
    for i, c in enumerate(out):
        if c.kind != "amount":
            continue
        if (
            last is not None
            and c.unit is None
            and c.value is not None
            and last.unit == "currency"
            and _RANGE_BETWEEN.fullmatch(text, last.end, c.start) is not None
        ):
            out[i] = c = replace(c, unit="currency", currency=last.currency)
        last = c
    return out


_BETWEEN_LOW = re.compile(
    r"(?<!\w)(?:ما\s*بين|بين|entre)\s+(?P<low>\d+(?:[.,]\d+)?|[^\W\d_]+)\s*(?:و|et)\s*$"
    r"|(?<!\w)(?<!de )(?<!من )(?P<bare>\d+(?:[.,]\d+)?)\s*(?:à|إلى|الى)\s*$"
)
"""The lower end of a range whose upper end has the multiplier and the unit of both ("ما بين 4
و6 مليارات دولار", "بين أربعة وستة مليارات", "entre 4 et 6 milliards", "70 à 85 %"); after "de"
or "من", "X à Y" may be a change from X to Y, not a range."""
_LEADING_NUMBER = re.compile(r"(?P<digits>\d+(?:[.,]\d+)?)|(?P<word>[^\W\d_]+)")


def _shared_multiplier(text: str, candidates: list[Candidate], decimal_comma: bool) -> list[Candidate]:
    """A range "between X and Y" whose multiplier and unit are said once, after Y: one amount of
    the whole range, its value the lower end with the multiplier (`at_least`), and not X as a
    bare number beside Y as the amount (which reads the upper end as the value)."""
    out: list[Candidate] = []
    for c in candidates:
        low = _BETWEEN_LOW.search(text, max(0, c.start - 48), c.start) if c.kind == "amount" else None
        lead = _LEADING_NUMBER.match(c.text) if low is not None and c.comparator == "equal" else None
        high = _number_value(lead, decimal_comma) if lead is not None else None
        floor = (
            _number_value(_LEADING_NUMBER.fullmatch(low.group("low") or low.group("bare")), decimal_comma)
            if low
            else None
        )
        if low is None or c.value is None or not high or floor is None or not 0 < floor < high:
            out.append(c)
            continue
        while out and out[-1].start >= low.start():  # the lower end read as a number of its own
            out.pop()
        out.append(
            replace(c, start=low.start(), text=text[low.start() : c.end], value=floor * c.value / high,
                    comparator="at_least")
        )  # fmt: skip
    return out


def _number_value(m: re.Match[str] | None, decimal_comma: bool) -> float | None:
    if m is None:
        return None
    if m.group("digits"):
        return parse_number(m.group("digits"), decimal_comma)
    return NUMBER_WORDS.get(m.group("word"))


def quote_for(text: str, start: int, end: int) -> tuple[str, int | None]:
    """A quote for text[start:end] that `sources.locate` finds there, and its occurrence when the
    quote is not unique.  A span `locate` cannot find as written is widened to whole words."""
    if start not in find_all(text, text[start:end]):
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
    quote = text[start:end]
    starts = find_all(text, quote)
    return quote, (starts.index(start) + 1 if start in starts and len(starts) > 1 else None)


def _in_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) == "Mn"


_DEFAULTS = {f.name: f.default for f in fields(Candidate) if f.default is not MISSING}


def _candidate(norm: Normalized, start: int, end: int, data: dict[str, Any]) -> Candidate:
    """The candidate of a chosen span, its fields set at once: a frozen dataclass's __init__ sets
    them one by one through object.__setattr__, three times slower, and `find` makes thousands."""
    a, b = norm.start(start), norm.end(end)
    candidate = object.__new__(Candidate)
    object.__setattr__(
        candidate, "__dict__", {**_DEFAULTS, "start": a, "end": b, "text": norm.original[a:b], **data}
    )
    return candidate


def _propose(norm: Normalized, lexicon: Lexicon | None, lang: str) -> Iterator[Proposal]:
    text = norm.text
    found: list[Proposal] = []
    for plan, windows in zip(plans(), _windows(text), strict=True):
        for a, b in windows:
            present: dict[int, bool] = {}
            for read, name, pattern, needs in plan:
                missing = False
                for need in needs:
                    key = id(need)
                    if key not in present:
                        present[key] = need.search(text, a, b) is not None
                    if not present[key]:
                        missing = True
                        break
                if missing:
                    continue
                for m in pattern.finditer(text, a, b):
                    proposal = read(name, m, lang)
                    if proposal is not None:
                        found.append(proposal)
    places = names.gazetteer_places(norm)
    found = [*_cut_before_places(text, found, places), *places]  # before Latin runs: of two equal
    # spans, the place
    if lang == "fr":
        found += french_names(norm)
        found += names.institutions(norm)
    else:
        found += _latin(text)
    found += _quoted(text)
    if lexicon is not None:
        persons = [(p[1], p[2]) for p in found if p[0] == "person"]
        quoted = {(p[1], p[2]) for p in found if p[0] in ("name", "titled")}

        def rank(match: Match) -> str:  # a variant that is all of a quoted phrase is that name
            return "variant" if match.variant and (match.start, match.end) not in quoted else "known"

        known = [*lexicon.find(text), *lexicon.variants(text), *paraphrases.mistyped_surnames(text, lexicon)]
        for match in names.near_their_place(text, known):
            if _inside_a_place(text, match, places) or _closes_an_organisation(text, match, found):
                continue  # part of a longer place's or organisation's name: "جهة مراكش آسفي"
            if names.is_embedded(norm, match):
                head = names.embedding_head(text, match)
                if head is not None:
                    yield "known", head, match.end, {"kind": "organisation"}
                continue
            resolved = names.resolve_surname(text, match, lexicon, persons)
            if resolved is not None:
                yield rank(resolved), resolved.start, resolved.end, _known(resolved)
        other_forms = [
            *paraphrases.respelt(text, lexicon),
            *paraphrases.respelt_last_names(text, lexicon),
            *paraphrases.shortened(text, lexicon),
            *paraphrases.respelt_latin_names(text, lexicon),
        ]
        said_otherwise = [*paraphrases.linked(text, found, lexicon)]
        if lang == "fr":
            said_otherwise += french_paraphrases.bodies(text, lexicon)
        for match in said_otherwise:  # a body's whole name wins over a known name inside it
            yield "known", match.start, match.end, _known(match)
        for match in other_forms:
            yield rank(match), match.start, match.end, _known(match)
    yield from found


def _inside_a_place(text: str, match: Match, places: list[Proposal]) -> bool:
    """A registry name inside a longer place's name that is not that place with its region word
    ("جهة مراكش آسفي" is not Marrakech; "جهة الدار البيضاء – سطات" is the registry's region)."""
    span = text[match.start : match.end]
    return any(
        start <= match.start and match.end <= end and end - start > match.end - match.start
        and _REGION_WORD.sub("", text[start:end], count=1) != span
        for _, start, end, _ in places
    )  # fmt: skip


def _closes_an_organisation(text: str, match: Match, found: list[Proposal]) -> bool:
    """A country glued to ب right after an unknown organisation's words, or ending them, is part
    of its name ("جمعية مستعملي الأنظمة المعلوماتية بالمغرب", "سفارة الولايات المتحدة بالمغرب")."""
    at = match.start - 1
    if text[at : match.start] != "ب" or (at > 0 and not text[at - 1].isspace()):
        return False
    if not any(e.category == "country" for e in match.entries):
        return False  # a city after ب is where the body is, a fact of its own ("مركز البيانات بالداخلة")
    return any(
        rank == "organisation"
        and start < at
        and (end == match.end or end == at - 1)
        and " " in text[start:at].strip()
        for rank, start, end, _ in found
    )


_REGION_WORD = re.compile(r"^(?:جهه)\s+")


def _cut_before_places(text: str, found: list[Proposal], places: list[Proposal]) -> list[Proposal]:
    """An organisation the reader ran on into a place joined by و ("وزارة التعليم العالي وجهة
    الشرق") ends before that place's word."""
    out = []
    for rank, start, end, data in found:
        if rank == "organisation":
            joined = [p[1] for p in places if start < p[1] < end and text[p[1] - 2 : p[1]] == " و"]
            kept = text[start : min(joined) - 2].rstrip() if joined else ""  # up to the space before "و"
            end = start + len(kept) if " " in kept else end
        out.append((rank, start, end, data))
    return out


def _windows(text: str) -> list[list[tuple[int, int]]]:
    """Per family, merged spans around its trigger hits, each ending where a word ends.  A hit's
    end is carried to the end of its word only where it reaches past the span it joins (inside
    that span, the word's end is at most the span's, which already ends a word)."""
    hits: list[list[tuple[int, int]]] = [[] for _ in P.FAMILIES]
    digits = [m.span() for m in P.DIGITS.finditer(text)]
    for i in P.DIGIT_FAMILIES:
        hits[i] = digits
    for m in P.TRIGGER.finditer(text):
        for i in P.TRIGGER_FAMILIES[m.group()]:
            hits[i].append(m.span())
    size = len(text)
    tail = _WORD_TAIL.match
    out: list[list[tuple[int, int]]] = []
    for family, found in zip(P.FAMILIES, hits, strict=True):
        before, after = family.before, family.after
        spans: list[tuple[int, int]] = []
        last_a, last_b = -1, -1
        for start, end in sorted(found) if family.triggers else found:
            a, b = max(0, start - before), min(size, end + after)
            if a <= last_b:
                if b > last_b:
                    last_b = tail(text, b).end() if b < size else b  # type: ignore[union-attr]
                continue
            if last_b >= 0:
                spans.append((last_a, last_b))
            last_a, last_b = a, (tail(text, b).end() if b < size else b)  # type: ignore[union-attr]
        if last_b >= 0:
            spans.append((last_a, last_b))
        out.append(spans)
    return out


def _known(match: Match) -> dict[str, Any]:
    """What a known name resolves to; read once per distinct reading (the same names recur)."""
    key = (id(match.entries), match.variant)
    cached = _KNOWN.get(key)
    if cached is not None and cached[0] is match.entries:
        return cached[1]
    if len(_KNOWN) >= _KNOWN_SIZE:
        _KNOWN.clear()
    data = _readings(match)
    _KNOWN[key] = (match.entries, data)
    return data


_KNOWN: dict[tuple[int, bool], tuple[tuple[Any, ...], dict[str, Any]]] = {}
"""Readings by the identity of the entries they were read from (the entries are kept with them,
so an identity is never reused while cached); never mutated once made."""
_KNOWN_SIZE = 4096


def _readings(match: Match) -> dict[str, Any]:
    readings = tuple(dict.fromkeys(f"{e.kind}:{e.ref}" for e in match.entries))
    first = match.entries[0]
    single_ref = len({e.ref for e in match.entries}) == 1
    return {
        "kind": first.kind,
        "ref": first.ref if single_ref else None,
        "alternatives": readings if len(readings) > 1 else (),
        "alias": None if match.variant or len({e.alias for e in match.entries}) > 1 else first.alias,
        "variant": match.variant,
    }


def _quoted(text: str) -> Iterator[Proposal]:
    """Short phrases in quote marks are names.  One that ends with a year is a title ("جيتيكس
    إفريقيا المغرب 2025", "المغرب للذكاء الاصطناعي 2030"): it wins over a known name inside it
    and over the year, unless a known name covers the whole of it."""
    for m in P.QUOTED.finditer(text):
        inner = m.group(1).rstrip(".")
        if inner and len(inner.split()) <= 5 and re.search(r"[^\W\d_]", inner):
            titled = len(inner.split()) > 1 and _TITLE_YEAR.search(inner) is not None
            yield "titled" if titled else "name", m.start(1), m.start(1) + len(inner), {"kind": "name"}


_TITLE_YEAR = re.compile(r"\s(?:19|20)\d\d$")


def _latin(text: str) -> Iterator[Proposal]:
    """Runs of Latin words inside an Arabic text: names ("Onepoint", "Gitex Africa 2024", with
    the year that ends them, which is then part of the name, not a date).  A proclitic may be
    glued before them ("وGitex")."""
    for m in P.LATIN.finditer(text):
        i = m.start()
        glued = i and text[i - 1] in "وبلف" and (i < 2 or not (text[i - 2].isalnum() or text[i - 2] == "_"))
        if i and (text[i - 1].isalnum() or text[i - 1] == "_") and not glued:
            continue
        if len(m.group()) > 1:
            end = m.end()
            year = _NAME_YEAR.match(text, end)
            words = m.group().split()
            if year and not D.MONTH_NUMBERS.get(words[-1]):
                end = year.end()
            named = end > m.end() or (len(words) > 1 and _YEAR_WORD.fullmatch(words[-1]) is not None)
            if named and D.MONTH_NUMBERS.get(words[-2 if end == m.end() else -1]):
                named = False
            yield "name" if named else "latin", m.start(), end, {"kind": "name"}


_YEAR_WORD = re.compile(r"(?:19|20)\d\d")
_NAME_YEAR = re.compile(r" (?:19|20)\d\d(?![\w.,]\d|\w)")

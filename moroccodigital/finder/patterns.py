"""The finder's names and windows: patterns of names with numbers, quoted, Latin, organisation,
person and event names, and the families that run every pattern (amounts and dates come from
`amounts` and `dates`) only in windows around their trigger words.  The word lists are in
words.yaml (vocabulary is data).

Every pattern is written in ordinary Arabic spelling and folded by `fold_pattern` at import, so
it runs on the normalised text (alef forms, taa marbuta, alef maqsura, digits, quote marks and
dashes unified; Latin lower-cased).  Numbers keep the Arabic decimal (٫) and thousands (٬)
separators unfolded, because those two are unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from moroccodigital.finder import amounts as N
from moroccodigital.finder import dates as D
from moroccodigital.finder.fastre import lookahead, quick, required
from moroccodigital.finder.normalize import fold, fold_pattern, trie_pattern
from moroccodigital.finder.vocabulary import alternation as _alt
from moroccodigital.finder.vocabulary import given_names, vocabulary

_W = vocabulary("words")


def _words(name: str) -> tuple[str, ...]:
    """One word list of words.yaml, as written and in its order."""
    words = _W[name]
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError(f"words.yaml: {name} is not a list of words")
    return tuple(words)


def _compile(pattern: str) -> re.Pattern[str]:
    """A folded pattern, compiled to skip fast the positions where it cannot start (`fastre.quick`)."""
    return quick(fold_pattern(pattern))


# -- names with numbers, quoted and Latin names -------------------------------------------------
ORDINAL = r"(?<!\w)(?P<rank>\d{1,4})(?:er|re|e|es|ème|ème|ième|eme)(?!\w)"
"""A French ordinal ("1er", "87e", "113ème"): a counted number (the 113th place), not a name."""
_NUMBERED_NAME = (
    r"(?<!\w)(?:[a-z]+\d+[a-z\d]*|(?!\d+(?:er|re|e|es|ers)(?!\w))(?!(?:[01]?\d|2[0-3])h(?:[0-5]\d)?(?!\w))"
    r"\d+[a-z]+[a-z\d]*)(?!\w)"
    r"|(?<=\w\s)(?P<version>\d+\.0)(?![\w.])"
)
"""5G, 4G, A320, and versions ("4.0" of "الصناعة 4.0", which extract widens to the word before):
numbers that are part of a name, not amounts.  A French ordinal ("1er", "2e") is not a name, nor
a clock time ("15h", "9h30")."""
PROGRAMME_CUES = _words("programme_cues")
STOP = _words("stop")
_STOP = _alt(STOP)
_NAME_WORD = rf"(?!{_STOP}(?!\w))[^\W\d_]{{2,}}"
_PROGRAMME_NAME = (
    rf"(?<!\w)(?:[وف]?[بل]?)(?P<org>(?:ال|ل)?{_alt(PROGRAMME_CUES)}(?:\s+{_NAME_WORD}){{0,4}}\s*\"?"
    rf"(?:\s+(?:أفق|horizon))?\s+{D.YEAR})"
)
"""A programme cue, up to four name words and a year: "رؤية 2030", "استراتيجية المغرب الرقمي أفق
2030" and "stratégie Maroc Digital 2030" are names, not dates."""
QUOTED = re.compile(r'"\s*([^"\n،؟!:؛]{1,60}?)\s*"')
"""A short phrase in quote marks (after folding every quote mark to ")."""
LATIN_LETTERS = "a-zß-öø-ÿœæ"
"""Latin letters of the normalised text (capitals, accented ones included, are lower-cased)."""
LATIN = re.compile(
    rf"[{LATIN_LETTERS}][{LATIN_LETTERS}0-9&'.-]*"
    rf"(?: [{LATIN_LETTERS}0-9&][{LATIN_LETTERS}0-9&'.-]*)*(?<![.'-])"
)
"""A run of Latin words (the finder checks that it starts a word: a leading charset scans fast)."""

# -- unknown organisations and people -----------------------------------------------------------
ORG_CUES = _words("org_cues")
_ORG_CUE = _alt(ORG_CUES)
_DEF_CUE = _alt([c for c in ORG_CUES if c.startswith("ال")])
_INDEF_CUE = _alt([c for c in ORG_CUES if not c.startswith("ال")])
_CHAIN = (
    rf"(?!{_STOP}(?!\w))(?!و?{_ORG_CUE}(?!\w))"
    rf"(?:(?:(?:و|ب)?ال|لل)[^\W\d_]{{2,}}|ل[^\W\d_]{{2,}}|و[^\W\d_]{{2,}}(?=\s+ال))"
)
_ORGANISATION = (
    rf"(?<!\w)[وبل]{{0,2}}(?P<org>(?:{_INDEF_CUE}\s+(?:{_CHAIN}|{_NAME_WORD})|{_DEF_CUE}\s+{_CHAIN})"
    rf"(?:\s+{_CHAIN}){{0,7}})(?!\w)"
)
"""A cue word and a genitive chain ("وزارة الانتقال الرقمي وإصلاح الإدارة")."""
HONORIFICS = _words("honorifics")
TITLES = _words("titles")
ROYAL_TITLES = _words("royal_titles")
_PERSON_ = (
    rf"(?<!\w)[و]?{_alt(HONORIFICS)}\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    rf"|(?<!\w)[وبل]?{_alt(TITLES)}(?!\w)[^،.\n]{{0,120}}?،\s*"
    rf"(?P<apposed>(?![وبل]?{_alt(TITLES)}(?!\w)){_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    r"(?=\s*[،.\n]|\s*$)"
)
_GIVEN = rf"(?!{_STOP}(?!\w))(?!{_ORG_CUE}(?!\w))(?!(?:ال|بال|لل|وال|كال|فال|وبال|ولل))[^\W\d_]{{2,}}"
"""A word that can start a person's name: not a stop word, a cue word, or a definite noun."""
_DEF_TITLE = _alt([t for t in TITLES if t.startswith("ال")])
_INDEF_TITLE = _alt([t for t in TITLES if not t.startswith("ال")])
_TITLED = (
    rf"(?<!\w)[و]?{_DEF_TITLE}(?:\s+ال[^\W\d_]{{2,}}){{0,3}}\s+"
    rf"(?P<titled>{_GIVEN}\s+{_NAME_WORD}(?:\s+ال[^\W\d_]{{2,}}(?=\s*[،.\n]))?)(?!\w)"
    rf"|(?<!\w)[و]?[بل]?{_INDEF_TITLE}(?:\s+و?ال[^\W\d_]{{2,}}){{1,6}}\s+"
    rf"(?P<genitive>(?!و[أإاآ]){_GIVEN}\s+{_NAME_WORD})(?=\s*[،.\n])"
)
"""A definite title and its adjectives, or an indefinite title and its definite genitive ("رئيس
الحكومة", "وزير الصناعة والتجارة", up to six words: "وزير التعليم العالي والبحث العلمي والابتكار"),
then a name without a comma ("الوزيرة ليلى بنعلي", "السفير ستيف
لانغ", "رئيس الحكومة عزيز أخنوش"): the name's first word is not a definite noun, nor, after an
indefinite title, a noun joined by و that goes on with the title ("وزيرة الانتقال الرقمي وإصلاح
الإدارة")."""
PLACE_PREFIXES = _words("place_prefixes")
"""First words of place names ("سان فرانسيسكو"); after a glued preposition ("بسان") they start a
place, not a person."""
EMBEDDING_HEADS = (
    *(c for c in ORG_CUES if not c.startswith("ال")),
    *(t for t in TITLES if not t.startswith("ال")),
    *_words("embedding_heads"),
)
"""Indefinite heads whose genitive is part of a longer name: "اتصالات المغرب" is Maroc Telecom and
"رئيس الحكومة" the head of government, so the known name after them is not linked."""
CATEGORY_HEADS: dict[str, str] = dict(_W["category_heads"])
"""Heads that name the kind of the known actor after them ("شركة إنتل" is Intel, a company): the
actor is not embedded in a longer name there, unlike "اتصالات المغرب" or "وكالة المغرب العربي"."""
FRENCH_HONORIFICS = _words("french_honorifics")
FRENCH_TITLES = _words("french_titles")
"""French words after which a capitalised name is a person ("la ministre Amal El Fallah Seghrouchni")."""
FRENCH_FUNCTION_WORDS = _words("french_function_words")
"""Words that begin French sentences with a capital but are not names."""
FRENCH_INSTITUTION_NOUNS = _words("french_institution_nouns")
"""Common nouns written with a capital inside institution names ("chargée de la Transition
numérique"): alone, they are not a name."""
FRENCH_INSTITUTION_HEADS = _words("french_institution_heads")
"""Capitalised heads of institutions whose names go on in lower case ("Agence nationale de
réglementation des télécommunications", "Conseil de gouvernement")."""
FRENCH_INSTITUTION_ADJECTIVES = _words("french_institution_adjectives")
"""Adjectives inside such names."""
FRENCH_RANKS = _words("french_ranks")
"""Capitalised words of a royal style before a name ("Sa Majesté le Roi Mohammed VI"): not part of
the name, and the name after them is a person's."""
LATIN_PARTICLES = _words("latin_particles")
"""Lower-case words inside a capitalised name ("Agence de Développement du Digital", "Ahmed ben Ali")."""
_PERSON = f"{_PERSON_}|{_TITLED}"
_BEFORE_TITLE = (
    rf"(?<!\w)و?(?P<before>{_alt(given_names())}(?:\s+{_NAME_WORD}){{1,2}})\s*،\s*[وبل]?"
    rf"(?:{_alt(TITLES)}|{_alt(HONORIFICS)})(?!\w)"
)
"""A name before its title ("عمر السغروشني، رئيس لجنة ..."): it starts with a common given name
(given_names.txt), has two or three words, and a comma and a title follow it."""


EVENT_CUES = _words("event_cues")
_EVENT_NAME = (
    rf"(?<!\w)[وبل]{{0,2}}(?P<org>(?:نهائيات\s+)?{_alt(EVENT_CUES)}"
    rf"(?:(?:\s+{_CHAIN}){{1,6}}(?:\s+حول(?:\s+{_CHAIN}){{1,3}})?(?:\s+(?:ل|لل)?(?:عام|سنة)?\s*{D.YEAR})?"
    rf"|\s+{D.YEAR}))(?!\w)"
)
"""A named event ("نهائيات كأس العالم لكرة القدم", "كأس العالم 2030", "مونديال 2030", "المناظرة الوطنية
الأولى حول الذكاء الاصطناعي", with one "حول" and its subject): a cue and
at least one genitive word or a year, which is then part of the name, not a date."""


def _dates(patterns: dict[str, str]) -> dict[str, str]:
    """Date patterns for a family: each wrapped in a group named for it (the match's `lastgroup`),
    its own groups renamed name__group.  One pass per pattern: an alternation of them all is slower."""
    return {
        f"date:{name}": f"(?P<{name}>" + re.sub(r"\(\?P([<=])(\w+)", rf"(?P\1{name}__\2", pattern) + ")"
        for name, pattern in patterns.items()
    }


@dataclass(frozen=True)
class Family:
    """Patterns that only match near a trigger word; they run only in windows around its hits."""

    triggers: tuple[str, ...]
    """Folded words (or, for numbers, the empty tuple: any digit) that open a window."""
    before: int
    """Characters a match may start before its trigger."""
    after: int
    """Characters a match may end after its trigger."""
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    """(name, pattern), most specific first; the name says how extract reads the match."""
    needs: tuple[tuple[re.Pattern[str], ...], ...] = ()
    """Per pattern, what its match must contain (its NEEDS entry, and the factor `fastre.required`
    finds in the pattern itself): where a window lacks one, the pattern is not run there (a cheap
    scan saves a costly one)."""


_YEARISH = r"(?:19|20)\d\d"
_HIJRI_NEED = rf"{_alt(D.HIJRI_MONTHS)}|\dهـ|\d هـ"
NEEDS = {
    "numbered_name": r"\d(?:[a-z]|\.0|(?<=[a-z]\d))",  # [a-z]\d|\d[a-z]|\d\.0, looked for from its digit
    "programme_name": _YEARISH,
    "date:dateline": r"\d[-/.]\d\d?[-/.]\d|\d-\d\d-\d",
    "date:hijri": lookahead(_HIJRI_NEED),
    "date:month_range": D.MONTH,
    "date:day_range": D.MONTH,
    "date:day": D.MONTH,
    "date:month": D.MONTH,
    "date:year_range": _YEARISH,
    "date:part_of_year": _YEARISH,
    "date:horizon": _YEARISH,
    "date:year": _YEARISH,
    "date:day_of_month": "الشهر|courant|du mois",
    "date:time": r"\d\s?[:h]",
}
"""What a pattern's match must contain (see Family.needs).  Each is written so that `re` skips fast
the positions where it cannot start: from a digit rather than from any letter, or behind a
lookahead on its first characters ("[a-z]\\d|..." stops at every letter of a French text)."""


def _family(triggers: tuple[str, ...], before: int, after: int, patterns: dict[str, str]) -> Family:
    folded = tuple(sorted({fold(t) for t in triggers}))
    compiled = tuple((name, _compile(p)) for name, p in patterns.items())
    needs = tuple(
        tuple(n for n in (_compile(NEEDS[name]) if name in NEEDS else None, _own_need(folded, p)) if n)
        for name, p in patterns.items()
    )
    return Family(folded, before, after, compiled, needs)


def _own_need(triggers: tuple[str, ...], pattern: str) -> re.Pattern[str] | None:
    """The words every match of a pattern contains (`fastre.required`), unless every trigger of
    its family holds one: then each window holds one too, and the search would only cost."""
    need = required(fold_pattern(pattern))
    if need is None or (triggers and all(need.search(t) for t in triggers)):
        return None
    return need


FAMILIES = (
    _family((), 48, 32, {"numbered_name": _NUMBERED_NAME, "programme_name": _PROGRAMME_NAME,
                         "amount": N.AMOUNT, **_dates(D.DATES), "ordinal": ORDINAL,
                         "number": rf"(?=\d){N.NUMBER}"}),
    _family((*N.UNSTATED, *N.DUALS, *N.MULTIPLIERS), 48, 48,
            {"amount": N.AMOUNT, "word_amount": N.WORD_AMOUNT}),
    _family((*D.WEEKDAYS, *D.FRENCH_WEEKDAYS), 24, 24,
            _dates({"weekday": D.WEEKDAY, "weekday_day": D.WEEKDAY_DAY})),
    _family(("الساعة",), 0, 32, _dates({"clock": D.ARABIC_CLOCK})),
    _family((*D.RELATIVE_ENDS, *D.FRENCH_RELATIVE, "مؤخرا", "الآونة", "قليل", "récemment", "dernièrement"),
            48, 16,
            _dates({"relative": D.RELATIVE, "french_relative": D.FRENCH_RELATIVE_PERIOD,
                    "recent": D.RECENT})),
    _family((*D.DUAL_PERIODS, *D.PLURAL_PERIODS), 48, 4, _dates({"relative_ago": D.RELATIVE_AGO})),
    _family(D.THIS_WORDS, 24, 16, _dates({"relative_this": D.RELATIVE_THIS})),
    _family((*D.FRENCH_PERIODS, "cette", "cet", "cours"), 48, 16,
            _dates({"french_counted": D.FRENCH_COUNTED_PERIOD, "french_current": D.FRENCH_CURRENT_PERIOD})),
    _family(("شهر",), 4, 24, _dates({"month": D.MONTH_NAME, "hijri": D.HIJRI_MONTH_NAME})),
    _family((*D.DAY_WORDS, *(f"ال{w}" for w in D.DAY_WORDS)), 12, 48, _dates(D.DAY_WORD_DATES)),
    _family(D.FRENCH_MONTHS, 24, 16, _dates({"month": D.MONTH_ALONE})),
    _family(D.ARABIC_MONTHS, 4, 16, _dates({"month": D.ARABIC_MONTH_ALONE})),
    _family((*D.PARTS_OF_YEAR, "ربع", "الربع", "نصف", "النصف", "semestre", "trimestre", "année"), 24, 40,
            _dates({"relative": D.PART_OF_UNSTATED_YEAR})),
    _family(ORG_CUES, 4, 120, {"organisation": _ORGANISATION}),
    _family(EVENT_CUES, 12, 120, {"event_name": _EVENT_NAME}),
    _family((*HONORIFICS, *TITLES), 4, 170, {"person": _PERSON}),
    _family(TITLES, 48, 4, {"person:before": _BEFORE_TITLE}),
)  # fmt: skip
"""Every windowed pattern, by trigger.  Known names, quoted and Latin names scan the whole text."""


PROCLITICS = _words("proclitics")
"""What may stand attached before a trigger at the start of a word."""


def _trigger_families() -> dict[str, tuple[int, ...]]:
    """Word start (proclitics + trigger) → families.  One scan reports only the longest key at a
    word start, so each key also opens the windows of every key that is its prefix."""
    own: dict[str, set[int]] = {}
    for i, family in enumerate(FAMILIES):
        for word in family.triggers:
            for proclitic in PROCLITICS:
                own.setdefault(proclitic + word, set()).add(i)
    return {
        key: tuple(sorted(set().union(*(own.get(key[:i], set()) for i in range(1, len(key) + 1)))))
        for key in own
    }


TRIGGER_FAMILIES = _trigger_families()
TRIGGER = quick(rf"\b(?:{trie_pattern(TRIGGER_FAMILIES)})")
"""Trigger words at the start of a word (proclitics included)."""
DIGITS = re.compile(r"\d+")
DIGIT_FAMILIES = tuple(i for i, family in enumerate(FAMILIES) if not family.triggers)

"""Readers of pattern matches: what a match of each pattern family proposes (kind, span, value).

The patterns (patterns.py, amounts.py, dates.py) say where a mention is; a reader turns one match
into a proposal, a (priority, start, end, fields) tuple, reading values, units, comparators and
EDTF from the match's groups and the vocabulary files.  The finder (extract.py) decides between
overlapping proposals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from moroccodigital.finder import amounts as N
from moroccodigital.finder import dates as D
from moroccodigital.finder import names
from moroccodigital.finder import patterns as P
from moroccodigital.finder.normalize import fold
from moroccodigital.finder.vocabulary import alternation, given_names

Proposal = tuple[str, int, int, dict[str, Any]]
"""(priority name, start, end, Candidate fields) in the normalised text."""
Reader = Callable[[str, re.Match[str], str], Proposal | None]

_COMPARATORS = {fold(k): v for k, v in N.COMPARATORS.items()}
_MULTIPLIERS = {fold(k): v for k, v in N.MULTIPLIERS.items()}
_DUALS = {fold(k): v for k, v in N.DUALS.items()}
_UNSTATED = frozenset(fold(w) for w in N.UNSTATED)
_FRACTIONS = {fold(k): v for k, v in N.FRACTIONS.items()}
_NUMBER_WORDS = {fold(k): v for k, v in N.NUMBER_WORDS.items()}
_TRAILING = {fold(k): v for k, v in N.TRAILING_COMPARATORS.items()}
_HONORIFIC_START = re.compile(rf"[و]?{alternation(P.HONORIFICS)}\s+")


def _name(_: str, m: re.Match[str], lang: str) -> Proposal:
    if "version" in m.re.groupindex and m.group("version"):
        before = re.search(r"[^\W\d_]+\s+$", m.string[max(0, m.start() - 40) : m.start()])
        return "name", m.start() - (len(before.group()) if before else 0), m.end(), {"kind": "name"}
    group = "org" if "org" in m.re.groupindex else 0
    return "name", m.start(group), m.end(group), {"kind": "name"}


def _amount(_: str, m: re.Match[str], lang: str) -> Proposal | None:
    """An amount: digits or a multiplier word, an optional second part joined by و, a unit."""
    g = m.groupdict()
    lead, num2 = g["lead"], g["num2"]
    end = m.end()
    cmp = g["cmp"] or g["vcmp"]
    if lead and not (num2 or g["unit"] or g["cmp"] or g["pct"]):
        return None
    if not (cmp or g["mult"] or g["unit"] or g["pct"] or g["pre"] or lead or g["after"]):
        return None
    if g["vcmp"] and not (g["mult"] or g["unit"] or g["pct"] or g["pre"] or lead):
        return None  # a verb far from a bare number: not an amount ("تجاوزت صادراته سنة 2024")
    comma = lang == "fr"
    if lead:
        value: float | None = _DUALS.get(lead, _MULTIPLIERS.get(lead, 1.0))
        scale = value or 1.0
        unit_scale = _MULTIPLIERS.get(lead) or scale / 2  # a dual counts two of its unit
        if g["frac"]:
            value = scale * _FRACTIONS[g["frac"]]
    else:
        value = N.parse_number(g["num"], comma)
        scale = unit_scale = _MULTIPLIERS[g["mult"]] if g["mult"] else 1.0
        value = None if value is None else value * scale
    if g["half"]:
        if value is None or not (lead or g["mult"]):
            return None  # "2 ونصف": a half of no multiplier
        value += unit_scale / 2
    if num2:
        second = N.parse_number(num2, comma)
        scale2 = _MULTIPLIERS[g["mult2"]] if g["mult2"] else 1.0
        if value is None or second is None or second * scale2 >= scale or scale2 >= scale:
            return None  # "مليون و3 ملايين": two amounts, not one compound
        value += second * scale2
        third = N.parse_number(g["num3"], comma) if g["num3"] else None
        if third is not None and third < scale2:
            value += third
        elif g["num3"]:  # "3 ملايين و500 ألف و2024": the year after is not a third part
            end = m.end("mult2")
    if end < m.end():  # what followed the cut (a unit, a qualifier) is not this amount's
        data: dict[str, Any] = {"unit": None}
    elif g["scaled"]:
        factor, currency = N.SCALED_CURRENCIES[g["scaled"]]
        data = {"unit": "currency", "currency": currency}
        value = None if value is None else value * factor
    elif g["pre"] and not g["unit"]:
        data = {"unit": "currency", "currency": N.CURRENCIES[g["pre"]]}
    else:
        data = _unit(g["unit"], "percent" if g["pct"] else None)
    after = g["after"] if end == m.end() else None
    comparator = _TRAILING.get(after or "") or _COMPARATORS.get(cmp or "", "equal")
    data.update(kind="amount", value=value, comparator=comparator)
    first = next(k for k in ("cmp", "vcmp", "pre", "num", "frac", "lead") if g[k])
    return "amount", m.start(first), end, data


def _word_amount(_: str, m: re.Match[str], lang: str) -> Proposal:
    word = m.group("word")
    if m.group("count"):  # "onze milliards": a number word times a multiplier
        value: float | None = _NUMBER_WORDS[m.group("count")] * _MULTIPLIERS[m.group("counted")]
    else:
        value = None if word in _UNSTATED else _DUALS.get(word, _MULTIPLIERS.get(word))
    cmp = m.group("cmp") or m.group("vcmp")
    comparator = "unspecified" if value is None else _COMPARATORS.get(cmp or "", "equal")
    data = _unit(m.group("unit"), None)
    data.update(kind="amount", value=value, comparator=comparator)
    first = next(g for g in ("cmp", "vcmp", "count", "word") if m.group(g))
    start = m.start(first)
    return "amount", start, m.end(), data


def _unit(word: str | None, default: str | None) -> dict[str, Any]:
    if word is None:
        return {"unit": default}
    unit, currency = N.UNITS[word]
    return {"unit": unit, "currency": currency}


def _date(_: str, m: re.Match[str], lang: str) -> Proposal:
    branch = str(m.lastgroup)
    if branch in _RELATIVE_BRANCHES:
        branch = "relative"
    elif branch == "clock":
        branch = "time"
    if branch in {"time", "weekday", "relative", "recent"}:
        kind, edtf, precision = ("time", None, None) if branch == "time" else ("date", *_EDTF_ONLY[branch])
        return kind, m.start(), m.end(), {"kind": kind, "edtf": edtf, "precision": precision}
    prefix = branch + "__"
    groups = {k.removeprefix(prefix): v for k, v in m.groupdict().items() if k.startswith(prefix)}
    if branch == "hijri":
        precision = (
            "hijri_day" if groups.get("d1") else "hijri_year" if groups.get("hyear3") else "hijri_month"
        )
        return "date", m.start(), m.end(), {"kind": "date", "edtf": None, "precision": precision}
    if branch == "dateline":
        if groups.get("iso"):
            return "date", m.start(), m.end(), {"kind": "date", "edtf": groups["iso"], "precision": "day"}
        day, month, year = int(groups["d1"] or 0), int(groups["m"] or 0), groups["year"]
        edtf = f"{year}-{month:02d}-{day:02d}"
        return "date", m.start(), m.end(), {"kind": "date", "edtf": edtf, "precision": "day"}
    edtf, precision = _edtf(branch, groups)
    return "date", m.start(), m.end(), {"kind": "date", "edtf": edtf, "precision": precision}


_RELATIVE_BRANCHES = frozenset(
    {"french_relative", "relative_ago", "relative_this", "french_counted", "french_current"}
)
"""Patterns whose every match is a period relative to an unstated date."""
_EDTF_ONLY = {
    "weekday": ("XXXX-XX-XX", "weekday_only"),
    "relative": (None, "relative"),
    "recent": (None, "recent"),
}


def _edtf(branch: str, groups: dict[str, str | None]) -> tuple[str, str]:
    """EDTF of a date match: only what is written, XXXX for an unstated year."""
    year = groups.get("year") or "XXXX"
    month = f"{D.MONTH_NUMBERS[word]:02d}" if (word := groups.get("month") or groups.get("month2")) else "XX"
    day1, day2 = (f"{D.day_number(day):02d}" if (day := groups.get(k)) else "XX" for k in ("d1", "d2"))
    month1 = f"{D.MONTH_NUMBERS[word]:02d}" if (word := groups.get("month1")) else month
    return {
        "month_range": (
            f"{_year_before(year, month1, month)}-{month1}-{day1}/{year}-{month}-{day2}",
            "day_range",
        ),
        "day_range": (f"{year}-{month}-{day1}/{year}-{month}-{day2}", "day_range"),
        "day": (f"{year}-{month}-{day1}", "day"),
        "day_of_month": (f"{year}-{month}-{day1}", "day"),
        "weekday_day": (f"{year}-{month}-{day1}", "day"),
        "month": (f"{year}-{month}", "month"),
        "year_range": (
            f"{groups.get('y1') or groups.get('y3')}/{groups.get('y2') or groups.get('y4')}",
            "year_range",
        ),
        "part_of_year": (year, "part_of_year"),
    }.get(branch, (year, "year"))


def _year_before(year: str, month1: str, month2: str) -> str:
    """The year of a range's first day: the stated one, or the one before when the range crosses
    the year's end ("du 30 décembre au 2 janvier 2026" starts in 2025)."""
    if year.isdigit() and month1 > month2:
        return str(int(year) - 1)
    return year


def _number(_: str, m: re.Match[str], lang: str) -> Proposal:
    """A number standing alone; a reference number is a name: one after "رقم", "n°" or "numéro",
    or one of a shape no quantity has ("1.11.91", the number of a dahir)."""
    value = N.parse_number(m.group(), lang == "fr")
    if value is None or _REFERENCE.search(m.string, max(0, m.start() - 12), m.start()):
        return "name", m.start(), m.end(), {"kind": "name"}
    return "number", m.start(), m.end(), {"kind": "number", "value": value}


def _ordinal(_: str, m: re.Match[str], lang: str) -> Proposal:
    return "number", m.start(), m.end(), {"kind": "number", "value": float(m.group("rank"))}


_REFERENCE = re.compile(r"(?<!\w)(?:رقم|n°|no|numéro)\s*$")


def _organisation(_: str, m: re.Match[str], lang: str) -> Proposal:
    return "organisation", m.start("org"), m.end("org"), {"kind": "organisation"}


def _person(_: str, m: re.Match[str], lang: str) -> Proposal | None:
    group = next(
        g for g in ("name", "apposed", "titled", "genitive", "before") if g in m.re.groupindex and m.group(g)
    )
    start, end = m.start(group), m.end(group)
    if _ROYAL.match(m.string, m.start()) and m.group(group).split()[0] not in _given_names():
        return None  # "استقبل الملك ضيوفه": a monarch's title is followed by a given name
    honorific = _HONORIFIC_START.match(m.string, start, end)
    if honorific:  # "…، السيد عزيز أخنوش،": the name without its honorific
        start = honorific.end()
    elif names.glued_conjunction(m.group(group)):  # "…، وعمر السغروشني،": the name without و
        start += 1
    if names.starts_with_place(m.group(group)):  # "بسان فرانسيسكو": a preposition and a place
        return "name", start, end, {"kind": "name"}
    return "person", start, end, {"kind": "person"}


_ROYAL = re.compile(rf"[وبل]?(?:{alternation(fold(t) for t in P.ROYAL_TITLES)})(?!\w)")
"""A match that starts with a monarch's title ("الملك محمد السادس", "العاهل المغربي، ...")."""


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(fold(w) for w in given_names())


_READERS: dict[str, Reader] = {
    "numbered_name": _name,
    "programme_name": _name,
    "event_name": _name,
    "amount": _amount,
    "word_amount": _word_amount,
    "date": _date,
    "number": _number,
    "ordinal": _ordinal,
    "organisation": _organisation,
    "person": _person,
}


@lru_cache(maxsize=1)
def plans() -> tuple[tuple[tuple[Any, str, re.Pattern[str], tuple[re.Pattern[str], ...]], ...], ...]:
    """Per family, (reader, name, pattern, needs) of each pattern: looked up once, not per match."""
    return tuple(
        tuple(
            (_READERS[name.partition(":")[0]], name, pattern, need)
            for (name, pattern), need in zip(family.patterns, family.needs, strict=True)
        )
        for family in P.FAMILIES
    )

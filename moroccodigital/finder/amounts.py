"""Numbers and amounts: the patterns of digits, multipliers, units and qualifiers, and the
parser of a number's value.  The words are in amounts.yaml (vocabulary is data); the patterns
are folded by `fold_pattern` when patterns compiles them into families.
"""

from __future__ import annotations

import re
from decimal import Decimal

from moroccodigital.finder.fastre import lookahead
from moroccodigital.finder.normalize import fold
from moroccodigital.finder.vocabulary import alternation as _alt
from moroccodigital.finder.vocabulary import vocabulary

_V = vocabulary("amounts")

_GLUED = r"(?:(?<![\w.,٫٬])|(?<=(?<!\w)[وبلفك])|(?<=(?<!\w)[وف][بلك]))"
"""Where a number may start: at a word start, or right after a proclitic glued to it ("و600",
"لـ120" once the tatweel is removed, "بـ85%")."""
MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in _V["multipliers"].items()}
"""Words that multiply the number before them ("50 ألف" = 50,000, "1,4 milliard")."""
_ARABIC_MULTIPLIERS = _alt([m for m in MULTIPLIERS if not m.isascii()])
NUMBER = (
    rf"{_GLUED}(?:\d+ر\d+|\d{{1,3}}(?: \d{{3}})+(?!\d|[.,٫٬]\d{{3}}(?!\d))(?:[.,٫٬]\d+)?|\d+(?:[.,٫٬]\d+)*)"
    rf"(?!(?!{_ARABIC_MULTIPLIERS})[\w]|[.,٫٬]\d)"
)
"""Digits with separators; a space separates thousands only between groups of three ("1 200",
"240 000", the French way), before a comma or a full stop too ("à près de 40 000, la
manifestation"), and may have decimals ("1 200,5"), or, in the wire style of the Moroccan
Arabic press, decimals first after ر ("129ر7" = 7.129).  An Arabic multiplier may be glued to
the digits ("29مليارا")."""
DUALS: dict[str, float] = {k: float(v) for k, v in _V["duals"].items()}
SINGULARS: tuple[str, ...] = tuple(_V["singulars"])
FRACTIONS: dict[str, float] = {k: float(v) for k, v in _V["fractions"].items()}
"""Fractions of the multiplier word after them ("نصف مليار" = 5e8)."""
HALF: str = str(_V["half"])
"""The half joined after a multiplier ("مليار ونصف" = 1.5e9)."""
"""Multiplier words that state a value alone: "مليار و400 مليون درهم" = 1.4e9."""
UNSTATED: tuple[str, ...] = tuple(_V["unstated"])
"""Plural number words with no digit: an amount whose value the text does not state."""

CURRENCIES: dict[str, str] = dict(_V["currencies"])
"""Currency words → ISO 4217."""
SCALED_CURRENCIES: dict[str, tuple[float, str]] = {
    k: (float(scale), str(code)) for k, (scale, code) in _V["scaled_currencies"].items()
}
"""Abbreviations that carry their multiplier: 1 200 MDH = 1.2e9 MAD."""
CAPACITIES: dict[str, str] = dict(_V["capacities"])
"""Physical units (power, frequency, bandwidth, storage, distance)."""
PEOPLE: dict[str, str] = dict(_V["people"])
"""Counted people, with the unit names of the targets table."""
PERCENT: tuple[str, ...] = tuple(_V["percent"])
COMPARATORS: dict[str, str] = dict(_V["comparators"])
"""Qualifiers before a number → the comparator vocabulary of the schema (enums.Comparator)."""
TRAILING_COMPARATORS: dict[str, str] = dict(_V["trailing_comparators"])
"""Qualifiers after the amount ("600 على الأقل")."""
UNITS = {**{fold(k): ("currency", v) for k, v in CURRENCIES.items()},
         **{fold(k): (v, None) for k, v in CAPACITIES.items()},
         **{fold(k): (v, None) for k, v in PEOPLE.items()}}  # fmt: skip

_UNIT = rf"(?:{_alt(UNITS)}|(?P<scaled>{_alt(SCALED_CURRENCIES)}))"
_SUBJECT = r"(?:\s+(?:(?:عدد|قيمت|حجم|مبلغ)(?:هم|ها|ه|هما|هن)|عدد|قيمة|حجم|مبلغ))?"
"""A noun between a comparator verb and its number: "يتجاوز عددهم 600", "لا تتجاوز قيمتها 300"
(ة is written ت before a suffix)."""
VERB_COMPARATORS: tuple[str, ...] = tuple(_V["verb_comparators"])
"""Comparator verbs that may stand apart from their amount by its subject (see amounts.yaml)."""
_FAR_SUBJECT = r"(?:\s+[^\W\d_]{2,}){1,4}"
_QUAL = (
    rf"(?:(?<!\w)[وفب]{{0,2}}(?:(?P<cmp>{_alt(COMPARATORS)}){_SUBJECT}"
    rf"|(?P<vcmp>{_alt(VERB_COMPARATORS)}){_FAR_SUBJECT})\s*)?"
)
"""A qualifier before the number: right before it (or after عدد، قيمة...), or a verb and its
subject ("يناهز ناتجه الداخلي الخام حاليًا 170 مليار دولار")."""
_MULT = _alt([*MULTIPLIERS, *DUALS])
_SECOND = (
    rf"(?:(?<!\d)\s+و\s*(?P<num2>{NUMBER})(?:\s*(?P<mult2>{_alt(MULTIPLIERS)})(?!\w)"
    rf"(?:\s+و\s*(?P<num3>{NUMBER})(?!\s*{_alt(MULTIPLIERS)}))?)?)?"
)
"""The second part of a compound, only after a multiplier: "مليار و400 مليون", not "2 و3 ملايين";
and a third of units after a second with its multiplier ("13 مليون و 388 ألف و 726")."""
AMOUNT = (
    rf"{_QUAL}(?:(?P<pre>[$€£])\s?)?"
    rf"(?:(?P<num>{NUMBER})(?:\s*(?P<mult>{_alt(MULTIPLIERS)})(?!\w))?"
    rf"|(?<!\w)[وب]?(?:(?P<frac>{_alt(FRACTIONS)})\s+)?(?P<lead>{_alt([*SINGULARS, *DUALS])}))"
    rf"(?:\s+و\s*(?P<half>{HALF})(?:\s+(?:ال)?(?:{_alt(MULTIPLIERS)}))?(?!\w))?"
    rf"{_SECOND}"
    rf"(?:\s*(?P<pct>{_alt(PERCENT)})(?!\w)|\s*(?:من\s+|de\s+|d'\s?|des\s+)?(?P<unit>{_UNIT})(?!\w))?"
    rf"(?:\s+(?P<after>{_alt(TRAILING_COMPARATORS)})(?!\w))?"
)
"""A number (or a multiplier word standing for one), a second part joined by و ("مليار و400
مليون"), then a percent sign or a unit, with the qualifiers around it."""
_AMOUNT_FIRST = r"\d" + "".join(
    sorted(
        {re.escape(c) for c in {fold(w)[0] for w in (*COMPARATORS, *SINGULARS, *DUALS, *FRACTIONS)}}
        | set("$€£وفب")
    )
)
_FIRST_WORDS = [*COMPARATORS, *VERB_COMPARATORS, *SINGULARS, *DUALS, *FRACTIONS]
_AMOUNT_START = rf"(?=[\d$€£]|(?<!\w)[وفب]{{0,2}}(?:{_alt(_FIRST_WORDS)}))"
AMOUNT = rf"(?=[{_AMOUNT_FIRST}]){_AMOUNT_START}{AMOUNT}"
"""Lookaheads on the characters an amount can start with, then on its first word (a digit, a
currency sign, or at a word start a qualifier or a multiplier word): they reject the other
positions before the whole pattern is tried, and cannot change what it matches.  The first
characters alone let through every "a", "e", "م" or "ا" (2.5 times slower on Arabic text)."""
NUMBER_WORDS: dict[str, float] = {k: float(v) for k, v in _V["number_words"].items()}
"""Numbers written as words, read before a multiplier only ("onze milliards")."""
WORD_AMOUNT = (
    rf"(?<!\w){_QUAL}(?:[وفب]?(?P<count>{_alt(NUMBER_WORDS)})\s+(?P<counted>{_alt(MULTIPLIERS)})"
    rf"|[وفب]{{0,2}}(?P<word>{_alt(UNSTATED)}))"
    rf"(?:\s+(?:من\s+|de\s+|d'\s?)?(?P<unit>{_UNIT}))?(?!\w)"
)
WORD_AMOUNT = lookahead(
    rf"(?=(?<!\w)[وفب]{{0,2}}(?:{_alt([*COMPARATORS, *VERB_COMPARATORS, *NUMBER_WORDS, *UNSTATED])}))"
    + WORD_AMOUNT
)
"""The same lookaheads as AMOUNT's: on its first characters, then on its first word."""


def parse_number(digits: str, decimal_comma: bool = False) -> float | None:
    """The value of digits with separators, resolving dot and comma by context.

    Arabic ٫ is always decimal and ٬ always thousands; ر puts the decimals first.  Two different
    Latin separators: the last is decimal.  One kind repeated: thousands.  One separator followed
    by exactly three digits (and no leading zero): thousands, as in "1.500 مليار" = 1,500
    billion.  Otherwise decimal.
    With `decimal_comma` (French text), a single comma is always decimal ("1,400 milliard" =
    1.4e9) and a space separates thousands.  Returns None for shapes no number has ("1.2.3").
    """
    if digits.isascii() and digits.isdigit():
        return float(digits)
    if "ر" in digits:  # decimals first, as the wire writes them: "129ر7" is 7.129
        frac, whole = digits.split("ر")
        return float(Decimal(f"{whole}.{frac}"))
    digits = digits.replace(" ", "") if " " in digits else digits
    if decimal_comma and digits.count(",") == 1 and "." not in digits:
        whole, frac = digits.split(",")
        return float(Decimal(f"{whole}.{frac}"))
    if "٫" in digits or "٬" in digits:
        text = digits.replace("٬", "").replace("٫", ".")
        return float(Decimal(text)) if text.count(".") <= 1 and "," not in text else None
    groups = re.split(r"[.,]", digits)
    seps = set(re.findall(r"[.,]", digits))
    if len(groups) == 1:
        return float(Decimal(digits))
    if len(seps) == 2:
        last = max(digits.rfind("."), digits.rfind(","))
        whole = re.sub(r"[.,]", "", digits[:last])
        return float(Decimal(f"{whole}.{digits[last + 1 :]}"))
    thousands = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if len(groups) > 2:
        return float(Decimal("".join(groups))) if thousands else None
    if thousands and not groups[0].startswith("0"):
        return float(Decimal("".join(groups)))
    return float(Decimal(f"{groups[0]}.{groups[1]}"))

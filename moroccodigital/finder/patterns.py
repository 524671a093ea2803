"""The vocabulary and regular expressions of the candidate finder, and the parsers of what they match.

Every pattern is written in ordinary Arabic spelling and folded by `fold_pattern` at import, so
it runs on the normalised text (alef forms, taa marbuta, alef maqsura, digits, quote marks and
dashes unified; Latin lower-cased).  Numbers keep the Arabic decimal (٫) and thousands (٬)
separators unfolded, because those two are unambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from moroccodigital.finder.lexicon import trie_pattern
from moroccodigital.finder.normalize import fold, fold_pattern


def _alt(words: Iterable[str]) -> str:
    """Longest-first alternation of folded words, so a longer form wins over its prefix."""
    return (
        "(?:"
        + "|".join(re.escape(w) for w in sorted({fold(w) for w in words}, key=lambda w: (-len(w), w)))
        + ")"
    )


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# -- numbers ---------------------------------------------------------------------------------
NUMBER = r"(?<![\w.,٫٬])\d+(?:[.,٫٬]\d+)*(?![\w]|[.,٫٬]\d)"
MULTIPLIERS = {
    "ألف": 1e3, "ألفا": 1e3, "آلاف": 1e3, "مليون": 1e6, "مليونا": 1e6, "ملايين": 1e6,
    "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12,
}  # fmt: skip
"""Words that multiply the number before them ("50 ألف" = 50,000; accusative forms included)."""
DUALS = {"ألفين": 2e3, "ألفان": 2e3, "مليونين": 2e6, "مليونان": 2e6, "مليارين": 2e9, "ملياران": 2e9}
UNSTATED = ("آلاف", "ملايين", "مليارات", "عشرات", "مئات")
"""Plural number words with no digit: an amount whose value the text does not state."""

CURRENCIES = {
    "درهم": "MAD", "دراهم": "MAD", "الدراهم": "MAD", "درهما": "MAD", "الدرهم": "MAD", "dh": "MAD",
    "dhs": "MAD", "mad": "MAD", "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "الدولارات": "USD",
    "الدولار": "USD", "usd": "USD", "يورو": "EUR", "أورو": "EUR", "الأورو": "EUR", "اليورو": "EUR",
    "eur": "EUR", "جنيه إسترليني": "GBP", "ريال سعودي": "SAR", "درهم إماراتي": "AED",
}  # fmt: skip
"""Currency words → ISO 4217.  A bare "دولار" is the US dollar, as in the Moroccan press."""
CAPACITIES = {
    "ميغاواط": "megawatt", "ميجاواط": "megawatt", "ميغاوات": "megawatt", "ميغا واط": "megawatt",
    "mw": "megawatt", "جيغاواط": "gigawatt", "غيغاواط": "gigawatt", "جيجاواط": "gigawatt", "gw": "gigawatt",
}  # fmt: skip
PEOPLE = {
    "وظيفة": "jobs", "وظائف": "jobs", "الوظائف": "jobs", "منصب شغل": "jobs", "مناصب شغل": "jobs",
    "منصب عمل": "jobs", "مناصب عمل": "jobs", "فرصة عمل": "jobs", "فرص عمل": "jobs", "فرصة شغل": "jobs",
    "فرص شغل": "jobs", "مناصب الشغل": "jobs", "خريج": "graduates", "خريجين": "graduates",
    "خريجا": "graduates", "الخريجين": "graduates", "مهندس": "engineers", "مهندسين": "engineers",
    "مهندسا": "engineers", "المهندسين": "engineers", "كفاءة": "skilled_professionals",
    "كفاءات": "skilled_professionals", "الكفاءات": "skilled_professionals",
}  # fmt: skip
"""Counted people, with the unit names of the targets table."""
PERCENT = ("%", "في المائة", "في المئة", "بالمائة", "بالمئة")
COMPARATORS = {
    "أكثر من": "more_than", "أزيد من": "more_than", "ما يزيد عن": "more_than", "ما يزيد على": "more_than",
    "ما يفوق": "more_than", "يفوق": "more_than", "حوالي": "about", "حوالى": "about", "نحو": "about",
    "قرابة": "about", "زهاء": "about", "ما يقارب": "about", "ما يناهز": "about", "يناهز": "about",
    "أقل من": "less_than", "ما يقل عن": "less_than",
}  # fmt: skip
UNITS = {**{fold(k): ("currency", v) for k, v in CURRENCIES.items()},
         **{fold(k): (v, None) for k, v in CAPACITIES.items()},
         **{fold(k): (v, None) for k, v in PEOPLE.items()}}  # fmt: skip

_UNIT = _alt(UNITS)
_QUAL = rf"(?:[وفب]{{0,2}}(?P<cmp>{_alt(COMPARATORS)})\s+)?"
_AMOUNT = (
    rf"(?<!\w){_QUAL}(?P<num>{NUMBER})(?:\s*(?P<mult>{_alt(MULTIPLIERS)}))?"
    rf"(?:\s*(?P<pct>{_alt(PERCENT)})|\s+(?:من\s+)?(?P<unit>{_UNIT}))?(?!\w)"
)
_WORD_AMOUNT = (
    rf"(?<!\w){_QUAL}[وفب]{{0,2}}(?P<word>{_alt([*UNSTATED, *DUALS])}|{_alt(MULTIPLIERS)}(?=\s+{_UNIT}))"
    rf"(?:\s+(?:من\s+)?(?P<unit>{_UNIT}))?(?!\w)"
)

# -- dates ------------------------------------------------------------------------------------
MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3, "أبريل": 4,
    "ابريل": 4, "نيسان": 4, "ماي": 5, "مايو": 5, "أيار": 5, "يونيو": 6, "يونيه": 6, "حزيران": 6,
    "يوليو": 7, "يوليوز": 7, "تموز": 7, "غشت": 8, "أغسطس": 8, "آب": 8, "شتنبر": 9, "سبتمبر": 9,
    "أيلول": 9, "أكتوبر": 10, "تشرين الأول": 10, "نونبر": 11, "نوفمبر": 11, "تشرين الثاني": 11,
    "دجنبر": 12, "ديسمبر": 12, "كانون الأول": 12, "janvier": 1, "février": 2, "fevrier": 2, "mars": 3,
    "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12, "january": 1, "february": 2, "march": 3,
    "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
    "november": 11, "december": 12,
}  # fmt: skip
"""Arabic (Maghreb, Mashriq and Levant), French and English month names.  A month name alone
is never a date ("مارس" is also a verb): it needs a day, a year, or the word شهر beside it."""
MONTH_NUMBERS = {fold(k): v for k, v in MONTHS.items()}
_MONTH = _alt(MONTHS)
YEAR = r"(?<![\w.,])(?:19|20)\d\d(?![\w]|[.,]\d)"
_DAY = r"(?<![\w.,])(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_YEAR_WORD = r"(?:(?:ال|ل|لل)?(?:عام|سنة)\s+)"
WEEKDAYS = ("الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")

_DATES = {
    "day_range": rf"(?<!\w)(?:من\s+)?(?P<d1>{_DAY})\s*(?:-|إلى|الى|و)\s*(?P<d2>{_DAY})\s+(?P<month>{_MONTH})"
                 rf"(?:\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "day": rf"(?P<d1>{_DAY})\s+(?P<month>{_MONTH})(?:\s*,?\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "month": rf"(?<!\w)(?:[فب]?شهر\s+)?(?P<month>{_MONTH})\s+(?:من\s+)?{_YEAR_WORD}?(?P<year>{YEAR})",
    "year_range": rf"(?<!\w)(?:(?:ال|لل|ل)?فترة\s+|بين\s+|من\s+)?{_YEAR_WORD}?(?P<y1>{YEAR})\s*"
                  rf"(?:-|/|إلى|الى|و)\s*(?P<y2>{YEAR})",
    "part_of_year": rf"(?<!\w)(?:في\s+)?(?:منتصف|مطلع|بداية|نهاية|أواخر|أوائل|أواسط)\s+"
                    rf"{_YEAR_WORD}?(?P<year>{YEAR})",
    "horizon": rf"(?<!\w)(?:في\s+|على\s+)?(?:أفق|آفاق|بحلول|حلول|غضون|حدود|متم)\s+"
               rf"{_YEAR_WORD}?(?P<year>{YEAR})",
    "year": rf"(?<!\w){_YEAR_WORD}?(?P<year>{YEAR})",
    "time": r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])",
}  # fmt: skip
"""Date expressions around a number, most specific first."""
_MONTH_NAME = rf"(?<!\w)[فب]?شهر\s+(?P<month>{_MONTH})(?!\w)"
_WEEKDAY = (
    rf"(?<!\w)(?:أمس|أول أمس|اليوم|غدا|يوم|مساء|صباح|ليلة)\s+{_alt(WEEKDAYS)}"
    rf"(?:\s+(?:الماضي|المقبل|القادم))?(?!\w)"
    rf"|(?<!\w){_alt(WEEKDAYS)}\s+(?:الماضي|المقبل|القادم)(?!\w)"
)
RELATIVE_ENDS = ("مقبل", "ماضي", "أخير", "قادم", "منصرم", "فارط")
_RELATIVE = (
    r"(?<!\w)(?:(?:خلال|في|منذ|على مدى|طيلة|طوال)\s+)?(?:ال)?"
    r"(?:سنوات|أعوام|عامين|سنتين|شهرين|أشهر|شهور|أسابيع|أسبوعين|أيام|يومين|عقود|عقدين|عام|سنة|شهر|أسبوع|عقد)"
    r"(?:\s+(?:ال)?(?:ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة))?"
    rf"\s+(?:ال)?(?:{'|'.join(RELATIVE_ENDS)})(?:ة|ين)?(?!\w)"
)
_RECENT = r"(?<!\w)(?:مؤخرا|في الآونة الأخيرة)(?!\w)"

# -- names with numbers, quoted and Latin names -------------------------------------------------
_NUMBERED_NAME = r"(?<!\w)(?:[a-z]+\d+[a-z\d]*|\d+[a-z]+[a-z\d]*)(?!\w)|(?<=\w\s)(?P<version>\d+\.0)(?![\w.])"
"""5G, 4G, A320, and versions ("4.0" of "الصناعة 4.0", which extract widens to the word before):
numbers that are part of a name, not amounts."""
PROGRAMME_CUES = ("استراتيجية", "رؤية", "مخطط", "برنامج", "خطة", "مبادرة", "ميثاق")
STOP = (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "عبر", "حول", "بين", "لدى", "ضد", "منذ", "خلال", "عند",
    "حيث", "التي", "الذي", "الذين", "أن", "إن", "قد", "لقد", "كما", "هذا", "هذه", "ذلك", "تلك", "هو", "هي",
    "هم", "كل", "بعض", "أو", "ثم", "حتى", "غير", "لم", "لن", "ما", "لا", "مثل", "نحو", "قبل", "بعد", "ضمن",
    "وفق", "حسب", "أفق", "بحلول", "عام", "سنة", "للفترة", "الفترة", "تحت", "عنوان", "كان", "كانت", "أي",
)  # fmt: skip
_STOP = _alt(STOP)
_NAME_WORD = rf"(?!{_STOP}(?!\w))[^\W\d_]{{2,}}"
_PROGRAMME_NAME = rf"(?<!\w)(?:ال|لل|ل|ب|و)?{_alt(PROGRAMME_CUES)}(?:\s+{_NAME_WORD}){{0,4}}\s+{YEAR}"
"""A programme cue, up to four name words and a year: "رؤية 2030" is a name, not a date."""
QUOTED = re.compile(r'"\s*([^"\n،؟!:؛]{1,60}?)\s*"')
"""A short phrase in quote marks (after folding every quote mark to ")."""
LATIN = re.compile(r"[a-z][a-z0-9&'.-]*(?: [a-z0-9&][a-z0-9&'.-]*)*(?<![.'-])")
"""A run of Latin words (the finder checks that it starts a word: a leading charset scans fast)."""

# -- unknown organisations and people -----------------------------------------------------------
ORG_CUES = (
    "وزارة", "وكالة", "الوكالة", "المديرية العامة", "مديرية", "المديرية", "شركة", "الشركة", "مجموعة",
    "المجموعة", "جمعية", "الجمعية", "اتحاد", "الاتحاد", "فدرالية", "الفدرالية", "جامعة", "الجامعة",
    "معهد", "المعهد", "مؤسسة", "المؤسسة", "مجلس", "المجلس", "هيئة", "الهيئة", "المكتب الوطني", "منظمة",
    "المنظمة", "بنك", "البنك", "صندوق", "الصندوق", "غرفة", "الغرفة", "سفارة", "السفارة", "مركز", "المركز",
)  # fmt: skip
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
HONORIFICS = ("السيد", "السيدة", "الآنسة", "الدكتور", "الدكتورة", "البروفيسور")
TITLES = (
    "الوزير", "الوزيرة", "وزير", "وزيرة", "الكاتب العام", "الكاتبة العامة", "المدير العام", "المديرة العامة",
    "المدير", "المديرة", "مدير", "مديرة", "رئيس", "رئيسة", "الرئيس", "الرئيسة", "سفير", "سفيرة", "السفير",
    "السفيرة", "المسؤول", "المسؤولة", "مؤسس", "المستشار", "المستشارة", "الأمين العام",
)  # fmt: skip
_PERSON = (
    rf"(?<!\w)[و]?{_alt(HONORIFICS)}\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    rf"|(?<!\w)[وبل]?{_alt(TITLES)}(?!\w)[^،.\n]{{0,120}}?،\s*(?P<apposed>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    r"(?=\s*[،.\n]|\s*$)"
)
"""An honorific and a name ("السيد لياني"), or a title, a comma and a name ("…، رياض مزور،")."""


EVENT_CUES = ("كأس", "نهائيات", "بطولة", "معرض", "منتدى", "مؤتمر", "قمة", "ملتقى", "مهرجان", "الألعاب")
_EVENT_NAME = rf"(?<!\w)[وبل]{{0,2}}(?P<org>(?:نهائيات\s+)?{_alt(EVENT_CUES)}(?:\s+{_CHAIN}){{1,6}})(?!\w)"
"""A named event ("نهائيات كأس العالم لكرة القدم"): a cue and at least one genitive word."""


def _dates(patterns: dict[str, str]) -> dict[str, str]:
    """Date patterns for a family: each wrapped in a group named for it (the match's `lastgroup`),
    its own groups renamed name__group.  One pass per pattern: an alternation of them all is slower."""
    return {
        f"date:{name}": f"(?P<{name}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern) + ")"
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


def _family(triggers: tuple[str, ...], before: int, after: int, patterns: dict[str, str]) -> Family:
    folded = tuple(sorted({fold(t) for t in triggers}))
    return Family(folded, before, after, tuple((name, _compile(p)) for name, p in patterns.items()))


FAMILIES = (
    _family((), 48, 32, {"numbered_name": _NUMBERED_NAME, "programme_name": _PROGRAMME_NAME,
                         "amount": _AMOUNT, **_dates(_DATES), "number": NUMBER}),
    _family((*UNSTATED, *DUALS, *MULTIPLIERS), 24, 40, {"word_amount": _WORD_AMOUNT}),
    _family(WEEKDAYS, 16, 16, _dates({"weekday": _WEEKDAY})),
    _family((*RELATIVE_ENDS, "مؤخرا", "الآونة"), 48, 16,
            _dates({"relative": _RELATIVE, "recent": _RECENT})),
    _family(("شهر",), 4, 24, _dates({"month": _MONTH_NAME})),
    _family(ORG_CUES, 4, 120, {"organisation": _ORGANISATION}),
    _family(EVENT_CUES, 12, 120, {"event_name": _EVENT_NAME}),
    _family((*HONORIFICS, *TITLES), 4, 170, {"person": _PERSON}),
)  # fmt: skip
"""Every windowed pattern, by trigger.  Known names, quoted and Latin names scan the whole text."""


PROCLITICS = (
    "",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "وب",
    "ول",
    "فب",
    "فل",
    "ال",
    "وال",
    "بال",
    "لل",
    "فال",
    "كال",
    "ولل",
)
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
TRIGGER = re.compile(rf"\b(?:{trie_pattern(TRIGGER_FAMILIES)})")
"""Trigger words at the start of a word (proclitics included)."""
DIGITS = re.compile(r"\d+")
DIGIT_FAMILIES = tuple(i for i, family in enumerate(FAMILIES) if not family.triggers)


def parse_number(digits: str) -> float | None:
    """The value of digits with separators, resolving dot and comma by context.

    Arabic ٫ is always decimal and ٬ always thousands.  Two different Latin separators: the last
    is decimal.  One kind repeated: thousands.  One separator followed by exactly three digits
    (and no leading zero): thousands, as in "1.500 مليار" = 1,500 billion.  Otherwise decimal.
    Returns None for shapes no number has ("1.2.3").
    """
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

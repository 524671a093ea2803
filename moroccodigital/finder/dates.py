"""Dates: the patterns of days, months, years, ranges, parts of a year, horizons, weekdays and
relative periods.  The words are in dates.yaml (vocabulary is data).
"""

from __future__ import annotations

from moroccodigital.finder.normalize import fold
from moroccodigital.finder.vocabulary import alternation as _alt
from moroccodigital.finder.vocabulary import vocabulary

_V = vocabulary("dates")

MONTHS: dict[str, int] = dict(_V["months"])
"""Arabic (Maghreb, Mashriq and Levant), French and English month names.  A month name alone
is never a date ("مارس" is also a verb): it needs a day, a year, or the word شهر beside it."""
MONTH_NUMBERS = {fold(k): v for k, v in MONTHS.items()}
MONTH = _alt(MONTHS)
YEAR = r"(?<![\w.,])(?:19|20)\d\d(?![\w]|[.,]\d)"
_GLUED_YEAR = r"(?:19|20)\d\d(?![\w]|[.,]\d)"
"""A year right after a glued و ("بين 2009 و2013")."""
_DAY = r"(?<![\w.,])(?:0?[1-9]|[12]\d|3[01])(?:er)?(?!\d)"
DAY_WORDS: dict[str, int] = dict(_V["day_words"])
"""Days written as words ("فاتح يونيو", "الثالث والخامس من نونبر"); see dates.yaml."""
DAY_WORD_NUMBERS = {fold(k): v for k, v in DAY_WORDS.items()} | {
    fold("ال" + k): v for k, v in DAY_WORDS.items()
}
_DAY_WORD = rf"(?<!\w)(?:ال)?{_alt(DAY_WORDS)}(?!\w)"
_BARE_DAY_WORD = rf"(?<!\w){_alt(DAY_WORDS)}(?!\w)"
_RANGE_DAY = rf"(?:{_DAY}|{_DAY_WORD})"
_GLUED_DAY = rf"(?:{_RANGE_DAY}|(?<=و)(?:(?:0?[1-9]|[12]\d|3[01])(?!\d)|(?:ال)?{_alt(DAY_WORDS)}(?!\w)))"
"""The second day of a range, which may be glued to its و ("الثالث والخامس", "21 و24")."""
_SINGLE_DAY = rf"(?:{_DAY}|{_BARE_DAY_WORD})"
_THIS_MONTH = r"(?:\s+(?:الجاري|المقبل|القادم|الماضي))?"
"""A month said to be this, next or last one ("30 ماي الجاري"): no year, so nothing to record."""
_YEAR_WORD = r"(?:(?:(?:ال|ل|لل)?(?:عام|سنة)|en|l'an|l'année|année|an)\s+)"
WEEKDAYS: tuple[str, ...] = tuple(_V["weekdays"])
FRENCH_WEEKDAYS: tuple[str, ...] = tuple(_V["french_weekdays"])
_WEEKDAY_WORD = _alt([*WEEKDAYS, *FRENCH_WEEKDAYS])
_ON_WEEKDAY = rf"(?:(?:(?:le|ce)\s+)?{_WEEKDAY_WORD},?\s+)?"
"""A weekday before a full date ("mardi 22 juillet 2025", "الثلاثاء 22 يوليوز"): part of the date."""
HIJRI_MONTHS: dict[str, int] = dict(_V["hijri_months"])
"""Months of the Hijri calendar.  Morocco fixes them by sighting the moon, so a Hijri date has no
Gregorian day that can be computed exactly: the finder keeps the text and no EDTF."""
HIJRI_MONTH_NUMBERS = {fold(k): v for k, v in HIJRI_MONTHS.items()}
_HIJRI_YEAR = r"(?<![\w.,])1[34]\d\d(?!\d)(?:\s*(?:هـ|ه)(?!\w))?"
PARTS_OF_YEAR: tuple[str, ...] = tuple(_V["parts_of_year"])
_ORDINAL = r"(?:ال)?(?:أول|ثاني|ثالث|رابع|أخير|أولى|ثانية)"
_FR_ORDINAL = r"(?:premier|1er|deuxième|second|2e|troisième|3e|quatrième|4e|dernier)"
_PART = (
    rf"(?:{_alt(PARTS_OF_YEAR)}|(?:ال)?(?:ربع|نصف|فصل|شطر|أسدس)\s+{_ORDINAL}"
    rf"|(?:le\s+|au\s+)?{_FR_ORDINAL}\s+(?:semestre|trimestre))"
)
_HORIZON_WORDS = r"(?:أفق|آفاق|بحلول|حلول|غضون|حدود|متم|d'ici|d'ici à|à l'horizon|l'horizon|horizon)"

DATES = {
    "dateline": r"(?<![\w.,/-])(?P<d1>0?[1-9]|[12]\d|3[01])(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
                r"(?P<year>(?:19|20)\d\d)(?![\w/.-]|,\d)"
                r"|(?<![\w.,/-])(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?![\w/.-])",
    "hijri": rf"(?<!\w)(?:(?P<d1>{_DAY})\s+(?:من\s+)?(?P<hmonth>{_alt(HIJRI_MONTHS)})"
             rf"(?:\s+(?P<hyear>{_HIJRI_YEAR}))?"
             rf"|(?P<hmonth2>{_alt(HIJRI_MONTHS)})\s+(?P<hyear2>{_HIJRI_YEAR})"
             r"|(?<![\w.,])(?P<hyear3>1[34]\d\d)\s*هـ)(?!\w)",
    "month_range": rf"(?<!\w)(?:من\s+|ما\s+بين\s+|بين\s+|du\s+)?(?P<d1>{_RANGE_DAY})\s+(?P<month1>{MONTH})"
                   rf"{_THIS_MONTH}\s*(?:-|إلى|الى|و|au)\s*(?:le\s+)?(?P<d2>{_GLUED_DAY})\s+(?P<month>{MONTH})"
                   rf"(?:\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "day_range": rf"(?<!\w)(?:من\s+|du\s+)?(?P<d1>{_RANGE_DAY})\s*(?:-|إلى|الى|و|au|et)\s*"
                 rf"(?P<d2>{_GLUED_DAY})\s+"
                 rf"(?:من\s+)?(?P<month>{MONTH})(?:\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "day": rf"(?<!\w){_ON_WEEKDAY}(?P<d1>{_SINGLE_DAY})\s+(?:من\s+)?(?P<month>{MONTH})"
           rf"(?:\s*,?\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "month": rf"(?<!\w)(?:[فب]?شهر\s+|(?:en\s+|au\s+mois\s+d'|au\s+mois\s+de\s+))?(?P<month>{MONTH})\s+"
             rf"(?:من\s+)?{_YEAR_WORD}?(?P<year>{YEAR})",
    "year_range": rf"(?<!\w)(?:(?:ال|لل|ل)?فترة\s+|بين\s+|من\s+|de\s+|entre\s+)?{_YEAR_WORD}?"
                  rf"(?P<y1>{YEAR})\s*"
                  rf"(?:-|/|إلى|الى|à|et)\s*(?P<y2>{YEAR})|(?<!\w)(?:بين\s+|من\s+)(?P<y3>{YEAR})\s+و(?P<y4>{_GLUED_YEAR})",
    "part_of_year": rf"(?<!\w)(?:(?:في|قبل|مع|بحلول|حلول|avant|dès|à|en|d'ici|d'ici à)\s+)?"
                    rf"(?:la\s+|le\s+)?{_PART}"
                    rf"(?:\s*-\s*|\s+(?:من\s+|de\s+|d'|)?){_YEAR_WORD}?(?P<year>{YEAR})",
    "horizon": rf"(?<!\w)(?:في\s+|على\s+)?{_HORIZON_WORDS}\s+{_YEAR_WORD}?(?P<year>{YEAR})",
    "year": rf"(?<!\w){_YEAR_WORD}?(?P<year>{YEAR})",
    "time": r"(?<![\d:])(?:[01]?\d|2[0-3])(?::|h)[0-5]\d(?![\d:])"
            r"|(?<![\w:])(?:[01]?\d|2[0-3])\s?(?:heures|heure)(?:\s?[0-5]\d)?(?!\w)",
}  # fmt: skip
"""Date expressions around a number, most specific first.  A dateline (02-03-2022, 02/03/2022)
is day first, as in Moroccan and French writing.  A range across two months ("من 31 ماي إلى
رابع يونيو", "du 30 mai au 1er juin") is one date."""

DAY_WORD_DATES = {name: DATES[name] for name in ("month_range", "day_range", "day")}
"""The date patterns a day written as a word can open (run in windows around those words)."""


def day_number(day: str) -> int:
    """The day of the month a day written in digits ("05", "1er") or as a word ("فاتح") states."""
    return DAY_WORD_NUMBERS.get(fold(day)) or int(day.removesuffix("er"))


MONTH_NAME = rf"(?<!\w)[فب]?شهر\s+(?P<month>{MONTH})(?!\w)"
WEEKDAY = (
    rf"(?<!\w)(?:أمس|أول أمس|اليوم|يومه|غدا|يوم|مساء|صباح|ليلة)\s+{_alt(WEEKDAYS)}"
    rf"(?:\s+(?:الماضي|المقبل|القادم))?(?!\w)"
    rf"|(?<!\w){_alt(WEEKDAYS)}\s+(?:الماضي|المقبل|القادم)(?!\w)"
    rf"|(?<!\w)(?:(?:ce|le|hier|aujourd'hui|demain)\s+)?{_alt(FRENCH_WEEKDAYS)}"
    rf"(?:\s+(?:dernier|prochain|matin|soir))?(?!\w)(?!\s+\d)"
)
RELATIVE_ENDS: tuple[str, ...] = tuple(_V["relative_ends"])
RELATIVE = (
    r"(?<!\w)(?:(?:خلال|في|منذ|على مدى|طيلة|طوال|قبل نهاية|نهاية|بداية|مطلع|منتصف)\s+)?(?:ال)?"
    r"(?:سنوات|أعوام|عامين|سنتين|شهرين|أشهر|شهور|أسابيع|أسبوعين|أيام|يومين|عقود|عقدين|عام|سنة|شهر|أسبوع|عقد)"
    r"(?:\s+(?:ال)?(?:ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة))?"
    rf"\s+(?:ال)?(?:{'|'.join(RELATIVE_ENDS)})(?:ة|ين)?(?!\w)"
)
FRENCH_RELATIVE: tuple[str, ...] = tuple(_V["french_relative"])
FRENCH_RELATIVE_PERIOD = (
    r"(?<!\w)(?:(?:au cours (?:de|des|du)|durant|pendant|depuis|ces|les|la|le|l')\s*)?"
    r"(?:\w+\s+)?(?:an|ans|année|années|mois|semaine|semaines|décennie|décennies|jours)\s+"
    rf"{_alt(FRENCH_RELATIVE)}(?!\w)"
    rf"|(?<!\w)(?:ces|les|des|aux)\s+(?:\w+\s+)?{_alt(FRENCH_RELATIVE)}\s+(?:années|mois|semaines|décennies)(?!\w)"
)
RECENT = r"(?<!\w)(?:مؤخرا|في الآونة الأخيرة|récemment|dernièrement)(?!\w)"
FRENCH_MONTHS = tuple(m for m in MONTHS if m[0].isascii())
"""The Latin-script month names (French and English), which date a month alone in French text."""
MONTH_ALONE = (
    rf"(?<!\w)(?:en|au mois de|au mois d'|courant)\s+(?P<month>{_alt(FRENCH_MONTHS)})"
    rf"(?:\s+(?:prochain|dernier))?(?!\w)(?!\s*,?\s*\d)"
    rf"|(?<!\w)(?<!\d\s)(?<!\der\s)(?P<month2>{_alt(FRENCH_MONTHS)})\s+(?:prochain|dernier)(?!\w)"
)
"""A French month without a year ("en novembre", "novembre prochain"): XXXX-11, precision month.
Only with these words ("mars" alone is not a date), and not after a day ("le 25 septembre
dernier" is a day)."""
PART_OF_UNSTATED_YEAR = (
    rf"(?<!\w)(?:(?:في|مع|منذ|قبل|خلال)\s+)?{_PART}\s+(?:من\s+)?(?:ال)?(?:سنة|عام)(?!\w)(?!\s*\d)"
    rf"(?!\s+(?:ال)?(?:{'|'.join(RELATIVE_ENDS)}))"
    rf"|(?<!\w)(?:(?:en|au|dès le|dès la|à la|avant la)\s+)?(?:début|fin|milieu|mi-)\s*"
    rf"(?:de l'|d')année(?!\s*\d)"
    rf"|(?<!\w)(?:au cours du|durant le|pendant le|dès le|au|le)\s+{_FR_ORDINAL}\s+(?:semestre|trimestre)"
    rf"(?!\s*(?:de\s+|d')?(?:l'année\s+)?\d)(?!\w)"
)
"""A part of a year that states no year ("مطلع السنة", "en début d'année", "au cours du premier
semestre"): relative to the unstated date of publication, so no EDTF and no bounds."""

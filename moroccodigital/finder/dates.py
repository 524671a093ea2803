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
"""A year right after a glued و ("بين 2009 و2013", "سنوات 2020 و2021"): a year too."""
_GLUED_DIGIT = r"(?<=(?<!\w)[بل])(?=\d)"
"""A day's digits glued to ب or ل ("لـ26 ربيع الثاني", once the tatweel is removed)."""
_DAY = rf"(?:(?<![\w.,])|{_GLUED_DIGIT})(?:0?[1-9]|[12]\d|3[01])(?:er)?(?!\d)"
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
_PREP_DAY_WORD = (
    "(?:" + "|".join(rf"(?<=(?<!\w){fold(str(p))} )" for p in _V["day_prepositions"]) + ")"
    rf"ال{_alt(DAY_WORDS)}(?!\w)"
)
"""A day written as an ordinal with the article, right after a preposition or a verb of dates
("في العاشر من غشت", "يصادف العاشر من غشت"): elsewhere the ordinal may be an adjective of the
noun before it ("الأسبوع الأول من يونيو")."""
_THIS_MONTH = r"(?:\s+(?:الجاري|المقبل|القادم|الماضي))?"
"""A month said to be this, next or last one ("30 ماي الجاري"): no year, so nothing to record."""
_YEAR_WORD = r"(?:(?:(?:ال|ل|لل)?(?:عام|سنة)|en|l'an|l'année|année|an)\s+)"
WEEKDAYS: tuple[str, ...] = tuple(_V["weekdays"])
BARE_WEEKDAYS: tuple[str, ...] = tuple(_V["bare_weekdays"])
"""Arabic weekdays that date a sentence with no word beside them ("وقالت الوزيرة الأربعاء")."""
FRENCH_WEEKDAYS: tuple[str, ...] = tuple(_V["french_weekdays"])
_WEEKDAY_WORD = _alt([*WEEKDAYS, *FRENCH_WEEKDAYS])
_ON_WEEKDAY = rf"(?:(?:(?:le|ce)\s+)?{_WEEKDAY_WORD},?\s+)?"
"""A weekday before a full date ("mardi 22 juillet 2025", "الثلاثاء 22 يوليوز"): part of the date."""
_ON_FRENCH_WEEKDAY = rf"(?:(?:(?:le|ce)\s+)?{_alt(FRENCH_WEEKDAYS)},?\s+)?"
"""A French weekday inside a range ("lundi 14 et mardi 15 avril")."""
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
_HORIZON_WORDS = r"(?:أفق|آفاق|بحلول|حلول|غضون|حدود|d'ici|d'ici à|à l'horizon|l'horizon|horizon)"

DATES = {
    "dateline": r"(?<![\w.,/-])(?P<d1>0?[1-9]|[12]\d|3[01])(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
                r"(?P<year>(?:19|20)\d\d)(?![\w/]|[-.,]\d)"
                r"|(?<![\w.,/-])(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?![\w/.-])",
    "hijri": rf"(?:(?<!\w)|{_GLUED_DIGIT})"
             rf"(?:(?P<d1>{_SINGLE_DAY})\s+(?:من\s+)?(?P<hmonth>{_alt(HIJRI_MONTHS)})"
             rf"(?:\s+(?P<hyear>{_HIJRI_YEAR}))?"
             rf"|(?P<hmonth2>{_alt(HIJRI_MONTHS)})\s+(?P<hyear2>{_HIJRI_YEAR})"
             r"|(?<![\w.,])(?P<hyear3>1[34]\d\d)\s*هـ)(?!\w)",
    "month_range": rf"(?<!\w)(?:من\s+|ما\s+بين\s+|بين\s+|du\s+)?(?P<d1>{_RANGE_DAY})\s+(?P<month1>{MONTH})"
                   rf"{_THIS_MONTH}\s*(?:-|إلى|الى|حتى|و|au|jusqu'au)\s*(?:le\s+)?(?P<d2>{_GLUED_DAY})\s+(?P<month>{MONTH})"
                   rf"(?:\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "day_range": rf"(?<!\w)(?:من\s+|du\s+)?(?P<d1>{_RANGE_DAY})(?:\s*[,،]\s*{_RANGE_DAY})*"
                 rf"\s*(?:-|إلى|الى|حتى|و|au|jusqu'au|et)\s*{_ON_FRENCH_WEEKDAY}(?P<d2>{_GLUED_DAY})\s+"
                 rf"(?:من\s+)?(?P<month>{MONTH})(?:\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "day": rf"(?:(?<!\w){_ON_WEEKDAY}|{_GLUED_DIGIT})(?P<d1>{_SINGLE_DAY}|{_PREP_DAY_WORD})\s+(?:من\s+)?"
           rf"(?P<month>{MONTH})"
           rf"(?:\s*,?\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "month": rf"(?<!\w)(?:[فب]?شهر\s+|(?:en\s+|au\s+mois\s+d'|au\s+mois\s+de\s+))?(?P<month>{MONTH})\s+"
             rf"(?:من\s+)?{_YEAR_WORD}?(?P<year>{YEAR})",
    "year_range": rf"(?<!\w)(?:(?:ال|لل|ل)?فترة\s+|بين\s+|من\s+|de\s+|entre\s+)?{_YEAR_WORD}?"
                  rf"(?P<y1>{YEAR})\s*"
                  rf"(?:-|/|إلى|الى|حتى|à|jusqu'à|jusqu'en|et)\s*{_YEAR_WORD}?(?P<y2>{YEAR})|(?<!\w)(?:بين\s+|من\s+|[لب]?سنتي\s+|[لب]?عامي\s+)(?P<y3>{YEAR})\s+و(?P<y4>{_GLUED_YEAR})",
    "part_of_year": rf"(?<!\w)(?:(?:في|قبل|مع|بحلول|حلول|avant|dès|à|en|d'ici|d'ici à)\s+)?"
                    rf"(?:la\s+|le\s+|[بل](?=\w))?{_PART}"
                    rf"(?:\s*-\s*|\s+(?:من\s+|de\s+|d'|)?){_YEAR_WORD}?(?P<year>{YEAR})",
    "horizon": rf"(?<!\w)(?:في\s+|على\s+)?{_HORIZON_WORDS}\s+{_YEAR_WORD}?(?P<year>{YEAR})",
    "year": rf"(?:(?<!\w){_YEAR_WORD}?(?<![\w.,])|(?<=(?<!\w)و)|(?<!\w)(?:ال|ل|لل|ب)?(?:عام|سنة)(?=\d))"
            rf"(?<!\d/)(?P<year>{_GLUED_YEAR})",
    "day_of_month": rf"(?<!\w)(?P<d1>{_RANGE_DAY})\s+(?:(?:من\s+)?(?:هذا\s+)?الشهر"
                    r"(?:\s+(?:الجاري|الحالي|المقبل|القادم|الماضي))?"
                    r"|courant|du mois(?:\s+(?:en cours|prochain|dernier))?)(?!\w)",
    "time": r"(?<![\d:])(?:[01]?\d|2[0-3])(?::|\s?h\s?)[0-5]\d(?![\d:])"
            r"|(?:(?<=à )|(?<=vers )|(?<=dès )|(?<=de ))(?:[01]?\d|2[0-3])h(?!\w)"
            r"|(?<![\w:])(?:[01]?\d|2[0-3])\s?(?:heures|heure)(?:\s?[0-5]\d)?(?!\w)",
}  # fmt: skip
"""Date expressions around a number, most specific first.  A dateline (02-03-2022, 02/03/2022)
is day first, as in Moroccan and French writing.  A range's second end follows "to" or "until"
("من 19 حتى 22 ماي", "du 19 jusqu'au 22 mai").  A day of the current, next or last month
("السابع من الشهر الجاري", "le 15 courant") states neither month nor year: XXXX-XX-07.  A range
across two months ("من 31 ماي إلى رابع يونيو", "du 30 mai au 1er juin") is one date."""

DAY_WORD_DATES = {name: DATES[name] for name in ("month_range", "day_range", "day", "day_of_month", "hijri")}
"""The date patterns a day written as a word can open (run in windows around those words)."""


def day_number(day: str) -> int:
    """The day of the month a day written in digits ("05", "1er") or as a word ("فاتح") states."""
    return DAY_WORD_NUMBERS.get(fold(day)) or int(day.removesuffix("er"))


MONTH_NAME = rf"(?<!\w)[فب]?شهر\s+(?P<month>{MONTH})(?!\w)"
ARABIC_CLOCK = r"(?<!\w)الساعة\s+(?:[01]?\d|2[0-3])(?![\d:.,])(?:\s+(?:صباحا|مساء|ليلا|زوالا|ظهرا))?(?!\w)"
"""An Arabic clock time written around its hour ("الساعة 10 صباحا"); "الساعة 10:00" reads as 10:00."""
WEEKDAY_DAY = rf"(?<!\w)(?:(?:le|ce)\s+)?{_WEEKDAY_WORD}\s+(?P<d1>{_DAY})(?!\s*[,.:h]?\d)(?!\w)"
"""A day after its weekday with no month ("samedi 12"): XXXX-XX-12, precision day."""
WEEKDAY = (
    rf"(?<!\w)(?:أمس|أول أمس|اليوم|يومه|غدا|يوم|مساء|صباح|ليلة)\s+{_alt(WEEKDAYS)}"
    rf"(?:\s+(?:الماضي|المقبل|القادم))?(?!\w)"
    rf"|(?<!\w){_alt(WEEKDAYS)}\s+(?:الماضي|المقبل|القادم)(?!\w)"
    rf"|(?<!\w)(?:يومي\s+)?{_alt(WEEKDAYS)}\s+و{_alt(WEEKDAYS)}(?:\s+(?:المقبلين|القادمين|الماضيين))?(?!\w)"
    rf"|(?<!\w){_alt(BARE_WEEKDAYS)}(?!\w)(?!\s+\d)"
    rf"|(?<!\w)(?:(?:ce|le|hier|aujourd'hui|demain)\s+)?{_alt(FRENCH_WEEKDAYS)}"
    rf"(?:\s+(?:dernier|prochain|matin|soir))?(?!\w)(?!\s+\d)"
)
RELATIVE_ENDS: tuple[str, ...] = tuple(_V["relative_ends"])
RELATIVE = (
    r"(?<!\w)(?:(?:خلال|في|منذ|على مدى|طيلة|طوال|قبل نهاية|نهاية|بداية|مطلع|منتصف)\s+)?(?:[وبل]?ال|لل)?"
    r"(?:سنوات|أعوام|عامين|سنتين|شهرين|أشهر|شهور|أسابيع|أسبوعين|أيام|يومين|عقود|عقدين|عشرية|عام|سنة|شهر|أسبوع|عقد)"
    r"(?:\s+(?:ال)?(?:ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة))?"
    r"(?:\s+(?:ال)?قليل(?:ة)?)?"
    rf"\s+(?:ال)?(?:{'|'.join(RELATIVE_ENDS)})(?:ة|ين)?(?!\w)"
)
"""A period said to be next, last or this one ("الأسبوع المقبل", "بالسنة الجارية", with its glued
preposition)."""
AGO_WORDS: tuple[str, ...] = tuple(_V["ago_words"])
DUAL_PERIODS: tuple[str, ...] = tuple(_V["dual_periods"])
PLURAL_PERIODS: tuple[str, ...] = tuple(_V["plural_periods"])
RELATIVE_AGO = (
    rf"(?<!\w){_alt(AGO_WORDS)}\s+(?:(?:نحو|حوالي|قرابة)\s+)?"
    rf"(?:{_alt(DUAL_PERIODS)}|{_alt(_V['period_counts'])}\s+{_alt(PLURAL_PERIODS)})(?!\w)"
)
"""A period counted back from an unstated date ("قبل عامين", "منذ ثلاث سنوات"): relative."""
THIS_WORDS: tuple[str, ...] = tuple(_V["this_words"])
RELATIVE_THIS = (
    rf"(?<!\w)(?:(?:خلال|في|منذ|مطلع|بداية|نهاية|منتصف|قبل نهاية)\s+)?{_alt(THIS_WORDS)}\s+(?:ال)?"
    rf"{_alt(_V['this_periods'])}(?!\w)"
)
"""This year, this week ("هذه السنة", "خلال هذا الأسبوع"): relative."""
FRENCH_RELATIVE: tuple[str, ...] = tuple(_V["french_relative"])
FRENCH_RELATIVE_PERIOD = (
    r"(?<!\w)(?:(?:au cours (?:de|des|du)|durant|pendant|depuis|ces|les|la|le|l')\s*)?"
    r"(?:\w+\s+)?(?:an|ans|année|années|mois|semaine|semaines|week-end|décennie|décennies|jours|été|hiver|automne"
    r"|printemps)\s+"
    rf"{_alt(FRENCH_RELATIVE)}(?!\w)"
    rf"|(?<!\w)(?:ces|les|des|aux|la|le)\s+(?:\w+\s+)?{_alt(FRENCH_RELATIVE)}\s+"
    r"(?:années|mois|semaines|jours|décennies|année|semaine|décennie)(?!\w)"
)
FRENCH_PERIODS: tuple[str, ...] = tuple(_V["french_periods"])
FRENCH_COUNTED_PERIOD = (
    rf"(?<!\w){_alt(_V['french_counted_before'])}\s+(?:(?:seulement|moins de|près de|plus de|environ)\s+)?"
    rf"(?:\d+|{_alt(_V['french_counts'])})\s+{_alt(FRENCH_PERIODS)}(?!\w)"
)
"""A period counted from an unstated date ("dans seulement deux mois", "il y a deux ans",
"depuis quelques mois"): relative, like "ces derniers mois"."""
FRENCH_CURRENT_PERIOD = (
    r"(?<!\w)(?:(?:d'ici|avant|dès|depuis)\s+)?(?:(?:la\s+)?(?:fin|début|milieu)\s+(?:de\s+)?)?"
    r"(?:cette\s+(?:année|semaine|décennie)|cet\s+(?:été|hiver|automne))(?!-là)(?!\w)"
    r"|(?<!\w)(?:dans\s+)?(?:les|des|aux)\s+(?:années|mois|semaines|jours|décennies)\s+à\s+venir(?!\w)"
    r"|(?<!\w)(?:l'année|l'exercice|le mois|la semaine)\s+en\s+cours(?!\w)"
)
"""This year, this week, the months to come ("cette année", "d'ici la fin de cette année",
"l'exercice en cours", "dans les mois à venir"): relative.  "cette année-là" points back to a date
the text gave, so it is not one."""
RECENT = r"(?<!\w)(?:مؤخرا|في الآونة الأخيرة|قبل قليل|منذ قليل|récemment|dernièrement)(?!\w)"
FRENCH_MONTHS = tuple(m for m in MONTHS if m[0].isascii())
"""The Latin-script month names (French and English), which date a month alone in French text."""
ARABIC_MONTHS = tuple(m for m in MONTHS if not m[0].isascii())
MONTH_ALONE = (
    rf"(?<!\w)(?:{_alt(_V['french_month_before'])}\s+|mi-\s*)(?P<month>{_alt(FRENCH_MONTHS)})"
    rf"(?:\s+(?:prochain|dernier))?(?!\w)(?!\s*,?\s*\d)"
    rf"|(?<!\w)(?<!\d\s)(?<!\der\s)(?P<month2>{_alt(FRENCH_MONTHS)})\s+(?:prochain|dernier)(?!\w)"
)
"""A French month without a year ("en novembre", "novembre prochain", "depuis janvier", "fin
juin"): XXXX-11, precision month.  Only with these words ("mars" alone is not a date), and not
after a day ("le 25 septembre dernier" is a day)."""
_NOT_AFTER_DAY_WORD = "".join(f"(?<!{fold(w)} )" for w in DAY_WORDS)
ARABIC_MONTH_ALONE = (
    rf"(?<!\w)(?<!\d\s)(?<!\dمن\s)(?<!\d\sمن\s){_NOT_AFTER_DAY_WORD}"
    rf"(?:{_alt(ARABIC_MONTHS)}\s*/\s*)?(?P<month>{_alt(ARABIC_MONTHS)})(?:\s*\(\s*{_alt(ARABIC_MONTHS)}\s*\))?"
    r"\s+(?:ال)?(?:مقبل|قادم|ماضي|جاري|منصرم|فارط)(?!\w)"
)
"""An Arabic month said to be next or last ("غشت القادم", "شتنبر الماضي", "يوليو/تموز الماضي"): XXXX-08,
precision month; not after a day ("31 غشت القادم", "فاتح يونيو المقبل" are days)."""
HIJRI_MONTH_NAME = rf"(?<!\w)[فب]?شهر\s+(?P<hmonth2>{_alt(HIJRI_MONTHS)})(?!\w)(?!\s+(?:من\s+)?\d)"
"""A Hijri month with no year ("خلال شهر رمضان"): precision hijri_month, no EDTF."""
PART_OF_UNSTATED_YEAR = (
    rf"(?<!\w)(?:(?:في|مع|منذ|قبل|خلال|بحلول)\s+)?{_PART}\s+(?:من\s+)?(?:ال)?(?:سنة|عام|عقد)(?!\w)(?!\s*\d)"
    rf"(?!\s+(?:ال)?(?:{'|'.join(RELATIVE_ENDS)}))"
    rf"|(?<!\w)(?:(?:en|au|dès le|dès la|à la|avant la)\s+)?(?:début|fin|milieu|mi-)\s*"
    rf"(?:de l'|d')année(?!\s*\d)"
    rf"|(?<!\w)(?:au cours du|durant le|pendant le|dès le|au terme du|au|du|le)\s+{_FR_ORDINAL}"
    r"\s+(?:semestre|trimestre)"
    rf"(?!\s*(?:de\s+|d')?(?:l'année\s+)?\d)(?!\w)"
)
"""A part of a year (or decade) that states no year ("مطلع السنة", "بحلول نهاية العقد", "en début
d'année", "au cours du premier semestre"): relative to the unstated date of publication, so no EDTF
and no bounds."""

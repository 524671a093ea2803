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

from moroccodigital.finder.fastre import quick
from moroccodigital.finder.normalize import fold, fold_pattern, trie_pattern


def _alt(words: Iterable[str]) -> str:
    """An alternation of folded words shaped as a trie (fast in `re`), greedy so that a longer
    form wins over its prefix."""
    return "(?:" + trie_pattern(sorted({fold(w) for w in words})) + ")"


def _compile(pattern: str) -> re.Pattern[str]:
    """A folded pattern, compiled to skip fast the positions where it cannot start (`fastre.quick`)."""
    return quick(fold_pattern(pattern))


# -- numbers ---------------------------------------------------------------------------------
_GLUED = r"(?:(?<![\w.,٫٬])|(?<=(?<!\w)[وبلفك])|(?<=(?<!\w)[وف][بلك]))"
"""Where a number may start: at a word start, or right after a proclitic glued to it ("و600",
"لـ120" once the tatweel is removed, "بـ85%")."""
NUMBER = rf"{_GLUED}(?:\d{{1,3}}(?: \d{{3}})+(?![\d.,٫٬])(?:[.,٫٬]\d+)?|\d+(?:[.,٫٬]\d+)*)(?![\w]|[.,٫٬]\d)"
"""Digits with separators; a space separates thousands only between groups of three ("1 200",
"240 000", the French way)."""
MULTIPLIERS = {
    "ألف": 1e3, "ألفا": 1e3, "آلاف": 1e3, "مليون": 1e6, "مليونا": 1e6, "ملايين": 1e6,
    "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12,
    "mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "billion": 1e9, "billions": 1e9,
}  # fmt: skip
"""Words that multiply the number before them ("50 ألف" = 50,000, "1,4 milliard"; accusative
forms included).  "billion" is English (1e9): the French "billion" (1e12) is not used in news."""
DUALS = {"ألفين": 2e3, "ألفان": 2e3, "مليونين": 2e6, "مليونان": 2e6, "مليارين": 2e9, "ملياران": 2e9}
SINGULARS = ("ألف", "مليون", "مليار", "تريليون")
"""Multiplier words that state a value alone: "مليار و400 مليون درهم" = 1.4e9."""
UNSTATED = ("آلاف", "ملايين", "مليارات", "عشرات", "مئات", "milliers", "millions", "milliards", "dizaines",
            "centaines")  # fmt: skip
"""Plural number words with no digit: an amount whose value the text does not state."""

CURRENCIES = {
    "درهم": "MAD", "دراهم": "MAD", "الدراهم": "MAD", "درهما": "MAD", "الدرهم": "MAD", "dh": "MAD",
    "dhs": "MAD", "mad": "MAD", "dirham": "MAD", "dirhams": "MAD", "dirhams marocains": "MAD",
    "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "الدولارات": "USD", "الدولار": "USD", "usd": "USD",
    "dollar": "USD", "dollars": "USD", "dollars américains": "USD", "$": "USD", "us$": "USD",
    "يورو": "EUR", "أورو": "EUR", "الأورو": "EUR", "اليورو": "EUR", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "€": "EUR", "جنيه إسترليني": "GBP", "livres sterling": "GBP", "£": "GBP",
    "ريال سعودي": "SAR", "درهم إماراتي": "AED", "francs suisses": "CHF", "فرنك سويسري": "CHF",
}  # fmt: skip
"""Currency words → ISO 4217.  A bare "دولار" or "dollar" is the US dollar, as in the Moroccan press."""
SCALED_CURRENCIES = {"mdh": (1e6, "MAD"), "mdhs": (1e6, "MAD"), "mmdh": (1e9, "MAD"), "mmdhs": (1e9, "MAD"),
                     "kdh": (1e3, "MAD"), "m€": (1e6, "EUR"), "md€": (1e9, "EUR"), "m$": (1e6, "USD"),
                     "md$": (1e9, "USD")}  # fmt: skip
"""Abbreviations of the Moroccan press that carry their multiplier: 1 200 MDH = 1.2e9 MAD."""
CAPACITIES = {
    "ميغاواط": "megawatt", "ميجاواط": "megawatt", "ميغاوات": "megawatt", "ميغا واط": "megawatt",
    "mw": "megawatt", "mégawatts": "megawatt", "mégawatt": "megawatt", "جيغاواط": "gigawatt",
    "غيغاواط": "gigawatt", "جيجاواط": "gigawatt", "gw": "gigawatt", "gigawatts": "gigawatt",
    "ميغاهرتز": "megahertz", "ميغا هرتز": "megahertz", "ميجاهرتز": "megahertz", "mhz": "megahertz",
    "جيغاهرتز": "gigahertz", "غيغاهرتز": "gigahertz", "جيغا هرتز": "gigahertz", "غيغا هرتز": "gigahertz",
    "ghz": "gigahertz", "ميغابت": "megabit_per_second", "mbps": "megabit_per_second",
    "mbit/s": "megabit_per_second", "جيغابت": "gigabit_per_second", "غيغابت": "gigabit_per_second",
    "gbps": "gigabit_per_second", "gbit/s": "gigabit_per_second", "جيغابايت": "gigabyte",
    "غيغابايت": "gigabyte", "go": "gigabyte", "gb": "gigabyte", "تيرابايت": "terabyte", "to": "terabyte",
    "كلم": "kilometre", "كيلومتر": "kilometre", "كيلومترا": "kilometre", "km": "kilometre",
    "ميغاواط ساعة": "megawatt_hour", "mwh": "megawatt_hour", "gwh": "gigawatt_hour",
}  # fmt: skip
"""Physical units (power, frequency, bandwidth, storage, distance)."""
PEOPLE = {
    "وظيفة": "jobs", "وظائف": "jobs", "الوظائف": "jobs", "منصب شغل": "jobs", "مناصب شغل": "jobs",
    "منصب عمل": "jobs", "مناصب عمل": "jobs", "فرصة عمل": "jobs", "فرص عمل": "jobs", "فرصة شغل": "jobs",
    "فرص شغل": "jobs", "مناصب الشغل": "jobs", "خريج": "graduates", "خريجين": "graduates",
    "خريجا": "graduates", "الخريجين": "graduates", "مهندس": "engineers", "مهندسين": "engineers",
    "مهندسا": "engineers", "المهندسين": "engineers", "كفاءة": "skilled_professionals",
    "كفاءات": "skilled_professionals", "الكفاءات": "skilled_professionals", "emplois": "jobs",
    "emploi": "jobs", "postes d'emploi": "jobs", "postes": "jobs", "ingénieurs": "engineers",
    "lauréats": "graduates", "diplômés": "graduates", "talents": "skilled_professionals",
}  # fmt: skip
"""Counted people, with the unit names of the targets table."""
PERCENT = ("%", "في المائة", "في المئة", "بالمائة", "بالمئة", "في المائة", "pour cent", "pourcent", "pc")
COMPARATORS = {
    "أكثر من": "more_than", "أزيد من": "more_than", "ما يزيد عن": "more_than", "ما يزيد على": "more_than",
    "ما يفوق": "more_than", "يفوق": "more_than", "تفوق": "more_than", "يتجاوز": "more_than",
    "تتجاوز": "more_than", "تجاوز": "more_than", "تجاوزت": "more_than", "ما يربو على": "more_than",
    "يربو على": "more_than", "حوالي": "about", "حوالى": "about", "نحو": "about", "قرابة": "about",
    "زهاء": "about", "ما يقارب": "about", "يقارب": "about", "تقارب": "about", "ما يناهز": "about",
    "يناهز": "about", "تناهز": "about", "ناهز": "about", "ناهزت": "about", "في حدود": "about",
    "أقل من": "less_than", "ما يقل عن": "less_than", "ما لا يقل عن": "at_least", "لا يقل عن": "at_least",
    "لا تقل عن": "at_least", "ما يصل إلى": "at_most", "لا يتعدى": "at_most", "لا يتجاوز": "at_most",
    "لا تتجاوز": "at_most", "plus de": "more_than", "plus d'": "more_than", "au-delà de": "more_than",
    "dépassant": "more_than", "dépasser": "more_than", "dépasse": "more_than", "près de": "about",
    "près d'": "about", "environ": "about", "quelque": "about", "autour de": "about",
    "de l'ordre de": "about", "avoisinant": "about", "avoisine": "about", "moins de": "less_than",
    "moins d'": "less_than", "au moins": "at_least", "pas moins de": "at_least", "jusqu'à": "at_most",
}  # fmt: skip
"""Qualifiers before a number → the comparator vocabulary of the schema (enums.Comparator)."""
TRAILING_COMPARATORS = {"على الأقل": "at_least", "au moins": "at_least", "au minimum": "at_least"}
"""Qualifiers after the amount ("600 على الأقل")."""
UNITS = {**{fold(k): ("currency", v) for k, v in CURRENCIES.items()},
         **{fold(k): (v, None) for k, v in CAPACITIES.items()},
         **{fold(k): (v, None) for k, v in PEOPLE.items()}}  # fmt: skip

_UNIT = rf"(?:{_alt(UNITS)}|(?P<scaled>{_alt(SCALED_CURRENCIES)}))"
_SUBJECT = r"(?:\s+(?:عدد|قيمة|حجم|مبلغ)(?:هم|ها|ه|هما|هن)?)?"
"""A noun between a comparator verb and its number: "يتجاوز عددهم 600"."""
_QUAL = rf"(?:(?<!\w)[وفب]{{0,2}}(?P<cmp>{_alt(COMPARATORS)}){_SUBJECT}\s*)?"
_MULT = _alt([*MULTIPLIERS, *DUALS])
_SECOND = rf"(?:(?<!\d)\s+و\s*(?P<num2>{NUMBER})(?:\s*(?P<mult2>{_alt(MULTIPLIERS)})(?!\w))?)?"
"""The second part of a compound, only after a multiplier: "مليار و400 مليون", not "2 و3 ملايين"."""
_AMOUNT = (
    rf"{_QUAL}(?:(?P<pre>[$€£])\s?)?"
    rf"(?:(?P<num>{NUMBER})(?:\s*(?P<mult>{_alt(MULTIPLIERS)})(?!\w))?"
    rf"|(?<!\w)[وب]?(?P<lead>{_alt([*SINGULARS, *DUALS])}))"
    rf"{_SECOND}"
    rf"(?:\s*(?P<pct>{_alt(PERCENT)})(?!\w)|\s*(?:من\s+|de\s+|d'\s?|des\s+)?(?P<unit>{_UNIT})(?!\w))?"
    rf"(?:\s+(?P<after>{_alt(TRAILING_COMPARATORS)})(?!\w))?"
)
"""A number (or a multiplier word standing for one), a second part joined by و ("مليار و400
مليون"), then a percent sign or a unit, with the qualifiers around it."""
_AMOUNT_FIRST = r"\d" + "".join(
    sorted({re.escape(c) for c in {fold(w)[0] for w in (*COMPARATORS, *SINGULARS, *DUALS)} | set("$€£وفب")})
)
_AMOUNT = rf"(?=[{_AMOUNT_FIRST}]){_AMOUNT}"
"""A lookahead on the characters an amount can start with lets `re` skip the other positions."""
_WORD_AMOUNT = (
    rf"(?<!\w){_QUAL}[وفب]{{0,2}}(?P<word>{_alt(UNSTATED)})"
    rf"(?:\s+(?:من\s+|de\s+|d'\s?)?(?P<unit>{_UNIT}))?(?!\w)"
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
_DAY = r"(?<![\w.,])(?:0?[1-9]|[12]\d|3[01])(?:er)?(?!\d)"
_YEAR_WORD = r"(?:(?:(?:ال|ل|لل)?(?:عام|سنة)|en|l'an|l'année|année|an)\s+)"
WEEKDAYS = ("الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")
FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY_WORD = _alt([*WEEKDAYS, *FRENCH_WEEKDAYS])
_ON_WEEKDAY = rf"(?:(?:(?:le|ce)\s+)?{_WEEKDAY_WORD},?\s+)?"
"""A weekday before a full date ("mardi 22 juillet 2025", "الثلاثاء 22 يوليوز"): part of the date."""
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4, "جمادى الأولى": 5,
    "جمادى الأول": 5, "جمادى الآخرة": 6, "جمادى الثانية": 6, "رجب": 7, "شعبان": 8, "رمضان": 9,
    "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}  # fmt: skip
"""Months of the Hijri calendar.  Morocco fixes them by sighting the moon, so a Hijri date has no
Gregorian day that can be computed exactly: the finder keeps the text and no EDTF."""
HIJRI_MONTH_NUMBERS = {fold(k): v for k, v in HIJRI_MONTHS.items()}
_HIJRI_YEAR = r"(?<![\w.,])1[34]\d\d(?!\d)(?:\s*(?:هـ|ه)(?!\w))?"
PARTS_OF_YEAR = ("منتصف", "مطلع", "بداية", "نهاية", "أواخر", "أوائل", "أواسط", "خريف", "ربيع", "صيف",
                 "شتاء", "fin", "début", "mi", "milieu", "courant", "l'automne", "l'été", "printemps",
                 "l'hiver", "fin d'année")  # fmt: skip
_ORDINAL = r"(?:ال)?(?:أول|ثاني|ثالث|رابع|أخير|أولى|ثانية)"
_FR_ORDINAL = r"(?:premier|1er|deuxième|second|2e|troisième|3e|quatrième|4e|dernier)"
_PART = (
    rf"(?:{_alt(PARTS_OF_YEAR)}|(?:ال)?(?:ربع|نصف|فصل|شطر|أسدس)\s+{_ORDINAL}"
    rf"|(?:le\s+|au\s+)?{_FR_ORDINAL}\s+(?:semestre|trimestre))"
)
_HORIZON_WORDS = r"(?:أفق|آفاق|بحلول|حلول|غضون|حدود|متم|d'ici|d'ici à|à l'horizon|l'horizon|horizon)"

_DATES = {
    "dateline": r"(?<![\w.,/-])(?P<d1>0?[1-9]|[12]\d|3[01])(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
                r"(?P<year>(?:19|20)\d\d)(?![\w/.-]|,\d)"
                r"|(?<![\w.,/-])(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?![\w/.-])",
    "hijri": rf"(?<!\w)(?:(?P<d1>{_DAY})\s+(?P<hmonth>{_alt(HIJRI_MONTHS)})(?:\s+(?P<hyear>{_HIJRI_YEAR}))?"
             rf"|(?P<hmonth2>{_alt(HIJRI_MONTHS)})\s+(?P<hyear2>{_HIJRI_YEAR})"
             r"|(?<![\w.,])(?P<hyear3>1[34]\d\d)\s*هـ)(?!\w)",
    "day_range": rf"(?<!\w)(?:من\s+|du\s+)?(?P<d1>{_DAY})\s*(?:-|إلى|الى|و|au|et)\s*(?P<d2>{_DAY})\s+"
                 rf"(?P<month>{_MONTH})(?:\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "day": rf"(?<!\w){_ON_WEEKDAY}(?P<d1>{_DAY})\s+(?P<month>{_MONTH})"
           rf"(?:\s*,?\s+{_YEAR_WORD}?(?P<year>{YEAR}))?(?!\w)",
    "month": rf"(?<!\w)(?:[فب]?شهر\s+|(?:en\s+|au\s+mois\s+d'|au\s+mois\s+de\s+))?(?P<month>{_MONTH})\s+"
             rf"(?:من\s+)?{_YEAR_WORD}?(?P<year>{YEAR})",
    "year_range": rf"(?<!\w)(?:(?:ال|لل|ل)?فترة\s+|بين\s+|من\s+|de\s+|entre\s+)?{_YEAR_WORD}?"
                  rf"(?P<y1>{YEAR})\s*"
                  rf"(?:-|/|إلى|الى|و|à|et)\s*(?P<y2>{YEAR})",
    "part_of_year": rf"(?<!\w)(?:(?:في|قبل|مع|بحلول|حلول|avant|dès|à|en|d'ici|d'ici à)\s+)?"
                    rf"(?:la\s+|le\s+)?{_PART}"
                    rf"(?:\s*-\s*|\s+(?:من\s+|de\s+|d'|)?){_YEAR_WORD}?(?P<year>{YEAR})",
    "horizon": rf"(?<!\w)(?:في\s+|على\s+)?{_HORIZON_WORDS}\s+{_YEAR_WORD}?(?P<year>{YEAR})",
    "year": rf"(?<!\w){_YEAR_WORD}?(?P<year>{YEAR})",
    "time": r"(?<![\d:])(?:[01]?\d|2[0-3])(?::|h)[0-5]\d(?![\d:])",
}  # fmt: skip
"""Date expressions around a number, most specific first.  A dateline (02-03-2022, 02/03/2022)
is day first, as in Moroccan and French writing."""
_MONTH_NAME = rf"(?<!\w)[فب]?شهر\s+(?P<month>{_MONTH})(?!\w)"
_WEEKDAY = (
    rf"(?<!\w)(?:أمس|أول أمس|اليوم|غدا|يوم|مساء|صباح|ليلة)\s+{_alt(WEEKDAYS)}"
    rf"(?:\s+(?:الماضي|المقبل|القادم))?(?!\w)"
    rf"|(?<!\w){_alt(WEEKDAYS)}\s+(?:الماضي|المقبل|القادم)(?!\w)"
    rf"|(?<!\w)(?:(?:ce|le|hier|aujourd'hui|demain)\s+)?{_alt(FRENCH_WEEKDAYS)}"
    rf"(?:\s+(?:dernier|prochain|matin|soir))?(?!\w)(?!\s+\d)"
)
RELATIVE_ENDS = ("مقبل", "ماضي", "أخير", "قادم", "منصرم", "فارط", "جاري", "حالي")
_RELATIVE = (
    r"(?<!\w)(?:(?:خلال|في|منذ|على مدى|طيلة|طوال|قبل نهاية|نهاية|بداية|مطلع|منتصف)\s+)?(?:ال)?"
    r"(?:سنوات|أعوام|عامين|سنتين|شهرين|أشهر|شهور|أسابيع|أسبوعين|أيام|يومين|عقود|عقدين|عام|سنة|شهر|أسبوع|عقد)"
    r"(?:\s+(?:ال)?(?:ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة))?"
    rf"\s+(?:ال)?(?:{'|'.join(RELATIVE_ENDS)})(?:ة|ين)?(?!\w)"
)
FRENCH_RELATIVE = ("dernier", "dernière", "derniers", "dernières", "prochain", "prochaine", "prochains",
                   "prochaines", "passé", "passée", "écoulé", "écoulée")  # fmt: skip
_FRENCH_RELATIVE = (
    r"(?<!\w)(?:(?:au cours (?:de|des|du)|durant|pendant|depuis|ces|les|la|le|l')\s*)?"
    r"(?:\w+\s+)?(?:an|ans|année|années|mois|semaine|semaines|décennie|décennies|jours)\s+"
    rf"{_alt(FRENCH_RELATIVE)}(?!\w)"
    rf"|(?<!\w)(?:ces|les|des|aux)\s+(?:\w+\s+)?{_alt(FRENCH_RELATIVE)}\s+(?:années|mois|semaines|décennies)(?!\w)"
)
_RECENT = r"(?<!\w)(?:مؤخرا|في الآونة الأخيرة|récemment|dernièrement)(?!\w)"

# -- names with numbers, quoted and Latin names -------------------------------------------------
_NUMBERED_NAME = r"(?<!\w)(?:[a-z]+\d+[a-z\d]*|\d+[a-z]+[a-z\d]*)(?!\w)|(?<=\w\s)(?P<version>\d+\.0)(?![\w.])"
"""5G, 4G, A320, and versions ("4.0" of "الصناعة 4.0", which extract widens to the word before):
numbers that are part of a name, not amounts."""
PROGRAMME_CUES = ("استراتيجية", "رؤية", "مخطط", "برنامج", "خطة", "مبادرة", "ميثاق", "stratégie", "programme",
                  "plan", "vision", "initiative", "feuille de route", "contrat-programme")  # fmt: skip
STOP = (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "عبر", "حول", "بين", "لدى", "ضد", "منذ", "خلال", "عند",
    "حيث", "التي", "الذي", "الذين", "أن", "إن", "قد", "لقد", "كما", "هذا", "هذه", "ذلك", "تلك", "هو", "هي",
    "هم", "كل", "بعض", "أو", "ثم", "حتى", "غير", "لم", "لن", "ما", "لا", "مثل", "نحو", "قبل", "بعد", "ضمن",
    "وفق", "حسب", "أفق", "بحلول", "عام", "سنة", "للفترة", "الفترة", "تحت", "عنوان", "كان", "كانت", "أي",
    "أمام", "عقب", "إثر", "أثناء", "رفقة", "برفقة", "بمعية", "يوم", "اليوم", "أمس", "غدا", "ليس", "هناك",
    "هنا", "إلا", "أما", "بل", "لكن", "إذ", "إذا", "فيما", "بينما", "عندما", "كيف", "أين", "متى",
)  # fmt: skip
_STOP = _alt(STOP)
_NAME_WORD = rf"(?!{_STOP}(?!\w))[^\W\d_]{{2,}}"
_PROGRAMME_NAME = (
    rf"(?<!\w)(?:[وف]?[بل]?)(?P<org>(?:ال|ل)?{_alt(PROGRAMME_CUES)}(?:\s+{_NAME_WORD}){{0,4}}\s*\"?"
    rf"(?:\s+(?:أفق|horizon))?\s+{YEAR})"
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
_PERSON_ = (
    rf"(?<!\w)[و]?{_alt(HONORIFICS)}\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    rf"|(?<!\w)[وبل]?{_alt(TITLES)}(?!\w)[^،.\n]{{0,120}}?،\s*(?P<apposed>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    r"(?=\s*[،.\n]|\s*$)"
)
_GIVEN = rf"(?!{_STOP}(?!\w))(?!{_ORG_CUE}(?!\w))(?!(?:ال|بال|لل|وال|كال|فال|وبال|ولل))[^\W\d_]{{2,}}"
"""A word that can start a person's name: not a stop word, a cue word, or a definite noun."""
_DEF_TITLE = _alt([t for t in TITLES if t.startswith("ال")])
_TITLED = (
    rf"(?<!\w)[و]?{_DEF_TITLE}(?:\s+ال[^\W\d_]{{2,}}){{0,3}}\s+"
    rf"(?P<titled>{_GIVEN}\s+{_NAME_WORD}(?:\s+ال[^\W\d_]{{2,}}(?=\s*[،.\n]))?)(?!\w)"
)
"""A definite title, its adjectives and a name without a comma ("الوزيرة ليلى بنعلي", "السفير ستيف
لانغ", "الرئيس الفرنسي إيمانويل ماكرون"): the name's first word is not a definite noun."""
PLACE_PREFIXES = ("سان", "سانت", "سانتا", "نيو", "لوس", "لاس", "سيدي", "عين", "بني", "دار", "رأس", "تل",
                  "بئر", "وادي", "جبل")  # fmt: skip
"""First words of place names ("سان فرانسيسكو"); after a glued preposition ("بسان") they start a
place, not a person."""
EMBEDDING_HEADS = (
    *(c for c in ORG_CUES if not c.startswith("ال")), *(t for t in TITLES if not t.startswith("ال")),
    "اتصالات", "بريد", "ملك", "عاهل", "حكومة", "قنصل", "مصرف", "بورصة", "سفارة", "خزينة", "مكتب",
)  # fmt: skip
"""Indefinite heads whose genitive is part of a longer name: "اتصالات المغرب" is Maroc Telecom and
"رئيس الحكومة" the head of government, so the known name after them is not linked."""
FRENCH_HONORIFICS = ("M.", "Mme", "Mlle", "Me", "Dr", "Pr", "MM.")
FRENCH_TITLES = (
    "ministre", "ministre déléguée", "ministre délégué", "ambassadeur", "ambassadrice", "président",
    "présidente", "directeur", "directrice", "directeur général", "directrice générale", "PDG", "secrétaire",
    "secrétaire général", "secrétaire d'État", "chef", "fondateur", "fondatrice", "roi", "wali", "gouverneur",
    "porte-parole", "conseiller", "conseillère", "patron", "CEO", "DG",
)  # fmt: skip
"""French words after which a capitalised name is a person ("la ministre Amal El Fallah Seghrouchni")."""
FRENCH_FUNCTION_WORDS = (
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "ce", "cet", "cette", "ces", "selon", "pour",
    "dans", "en", "au", "aux", "à", "il", "elle", "ils", "elles", "mais", "et", "par", "sur", "avec", "lors",
    "après", "avant", "depuis", "ainsi", "enfin", "cependant", "outre", "quant", "son", "sa", "ses", "leur",
    "leurs", "notre", "nos", "on", "nous", "qui", "que", "dont", "où", "si", "c", "s", "n", "y", "ne", "pas",
    "plus", "tout", "tous", "toute", "toutes", "entre", "sous", "vers", "contre", "parmi", "chez",
)  # fmt: skip
"""Words that begin French sentences with a capital but are not names."""
FRENCH_INSTITUTION_NOUNS = (
    "transition", "réforme", "administration", "ministère", "ministre", "royaume", "état", "gouvernement",
    "direction", "agence", "office", "conseil", "chambre", "parlement", "commission", "fonds", "banque",
    "caisse", "société", "groupe", "fédération", "association", "université", "institut", "centre", "école",
    "stratégie", "programme", "plan", "économie", "finances", "industrie", "commerce", "investissement",
    "innovation", "recherche", "enseignement", "éducation", "santé", "intérieur", "justice", "budget",
    "sécurité", "défense", "développement", "numérique", "digital", "cabinet", "secrétariat", "wilaya",
    "région", "province", "préfecture", "commune", "sa", "majesté", "roi", "prince", "princesse",
)  # fmt: skip
"""Common nouns written with a capital inside institution names ("chargée de la Transition
numérique"): alone, they are not a name."""
LATIN_PARTICLES = ("de", "du", "des", "de la", "de l'", "d'", "l'", "la", "le", "les", "et", "pour", "al-",
                   "el-", "al", "el", "ben", "bin", "ibn", "ould", "von", "van", "da", "di",
                   "en")  # fmt: skip
"""Lower-case words inside a capitalised name ("Agence de Développement du Digital", "Ahmed ben Ali")."""
_PERSON = f"{_PERSON_}|{_TITLED}"


EVENT_CUES = ("كأس", "نهائيات", "بطولة", "معرض", "منتدى", "مؤتمر", "قمة", "ملتقى", "مهرجان", "الألعاب",
              "مونديال", "المونديال", "دورة", "الدورة")  # fmt: skip
_EVENT_NAME = (
    rf"(?<!\w)[وبل]{{0,2}}(?P<org>(?:نهائيات\s+)?{_alt(EVENT_CUES)}"
    rf"(?:(?:\s+{_CHAIN}){{1,6}}(?:\s+(?:ل|لل)?(?:عام|سنة)?\s*{YEAR})?|\s+{YEAR}))(?!\w)"
)
"""A named event ("نهائيات كأس العالم لكرة القدم", "كأس العالم 2030", "مونديال 2030"): a cue and
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
    needs: tuple[re.Pattern[str] | None, ...] = ()
    """Per pattern, something its match must contain: where a window lacks it, the pattern is
    not run there (a cheap scan saves a costly one)."""


_YEARISH = r"(?:19|20)\d\d"
NEEDS = {
    "numbered_name": r"[a-z]\d|\d[a-z]|\d\.0",
    "programme_name": _YEARISH,
    "date:dateline": r"\d[-/.]\d\d?[-/.]\d|\d-\d\d-\d",
    "date:hijri": rf"{_alt(HIJRI_MONTHS)}|\dهـ|\d هـ",
    "date:day_range": _MONTH,
    "date:day": _MONTH,
    "date:month": _MONTH,
    "date:year_range": _YEARISH,
    "date:part_of_year": _YEARISH,
    "date:horizon": _YEARISH,
    "date:year": _YEARISH,
    "date:time": r"\d[:h][0-5]\d",
}
"""What a pattern's match must contain (see Family.needs)."""


def _family(triggers: tuple[str, ...], before: int, after: int, patterns: dict[str, str]) -> Family:
    folded = tuple(sorted({fold(t) for t in triggers}))
    compiled = tuple((name, _compile(p)) for name, p in patterns.items())
    needs = tuple(_compile(NEEDS[name]) if name in NEEDS else None for name in patterns)
    return Family(folded, before, after, compiled, needs)


FAMILIES = (
    _family((), 48, 32, {"numbered_name": _NUMBERED_NAME, "programme_name": _PROGRAMME_NAME,
                         "amount": _AMOUNT, **_dates(_DATES), "number": rf"(?=\d){NUMBER}"}),
    _family((*UNSTATED, *DUALS, *MULTIPLIERS), 48, 48, {"amount": _AMOUNT, "word_amount": _WORD_AMOUNT}),
    _family((*WEEKDAYS, *FRENCH_WEEKDAYS), 24, 24, _dates({"weekday": _WEEKDAY})),
    _family((*RELATIVE_ENDS, *FRENCH_RELATIVE, "مؤخرا", "الآونة", "récemment", "dernièrement"), 48, 16,
            _dates({"relative": _RELATIVE, "french_relative": _FRENCH_RELATIVE, "recent": _RECENT})),
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
TRIGGER = quick(rf"\b(?:{trie_pattern(TRIGGER_FAMILIES)})")
"""Trigger words at the start of a word (proclitics included)."""
DIGITS = re.compile(r"\d+")
DIGIT_FAMILIES = tuple(i for i, family in enumerate(FAMILIES) if not family.triggers)


def parse_number(digits: str, decimal_comma: bool = False) -> float | None:
    """The value of digits with separators, resolving dot and comma by context.

    Arabic ٫ is always decimal and ٬ always thousands.  Two different Latin separators: the last
    is decimal.  One kind repeated: thousands.  One separator followed by exactly three digits
    (and no leading zero): thousands, as in "1.500 مليار" = 1,500 billion.  Otherwise decimal.
    With `decimal_comma` (French text), a single comma is always decimal ("1,400 milliard" =
    1.4e9) and a space separates thousands.  Returns None for shapes no number has ("1.2.3").
    """
    if digits.isascii() and digits.isdigit():
        return float(digits)
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

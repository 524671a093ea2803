"""The candidate finder, one pattern family at a time, on sentences written here."""

from __future__ import annotations

import itertools
from pathlib import Path

import pycountry
import pytest
from helpers import ROOT, only

from moroccodigital.curation.annotations import read_curation
from moroccodigital.finder import amounts
from moroccodigital.finder.audit import name_rows
from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, entries_from_rows
from moroccodigital.finder.normalize import normalize


def kinds(text: str, lexicon: Lexicon | None = None) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in find(text, lexicon)]


# -- numbers and amounts -----------------------------------------------------------------------


def test_dot_before_three_digits_and_a_number_word_is_a_thousands_separator() -> None:
    c = only("تقدر سوقه بقرابة 1.500 مليار دولار.", "amount")
    assert (c.text, c.value, c.currency, c.comparator) == ("قرابة 1.500 مليار دولار", 1.5e12, "USD", "about")


@pytest.mark.parametrize(
    ("digits", "value"), [("2,5", 2.5), ("1.5", 1.5), ("0.500", 0.5), ("1.234.567", 1234567)]
)
def test_separators_are_resolved_by_context(digits: str, value: float) -> None:
    assert amounts.parse_number(digits) == value


def test_both_separators_make_the_last_one_decimal() -> None:
    assert amounts.parse_number("1.234,5") == 1234.5


def test_arabic_separators_are_unambiguous() -> None:
    assert (amounts.parse_number("1٫500"), amounts.parse_number("1٬500")) == (1.5, 1500)


def test_arabic_indic_digits_are_read_with_offsets_into_the_original() -> None:
    text = "توظيف ٥٠٠ مهندس"
    c = only(text, "amount")
    assert (c.value, c.unit, text[c.start : c.end]) == (500, "engineers", "٥٠٠ مهندس")


def test_thousand_word_multiplies_the_digits() -> None:
    c = only("توفير 50 ألف وظيفة مرتبطة بالذكاء الاصطناعي", "amount")
    assert (c.text, c.value, c.unit) == ("50 ألف وظيفة", 50_000, "jobs")


def test_plural_number_word_without_digits_is_an_amount_of_unstated_value() -> None:
    c = only("تسعى إلى استثمار مليارات الدراهم في البنية التحتية", "amount")
    assert (c.text, c.value, c.currency, c.comparator) == ("مليارات الدراهم", None, "MAD", "unspecified")


def test_more_than_is_kept_as_the_comparator() -> None:
    c = only("تعتزم توظيف أكثر من 500 كفاءة مغربية", "amount")
    assert (c.text, c.value, c.unit, c.comparator) == (
        "أكثر من 500 كفاءة",
        500,
        "skilled_professionals",
        "more_than",
    )


@pytest.mark.parametrize(
    ("word", "code"), [("درهم", "MAD"), ("دولار", "USD"), ("يورو", "EUR"), ("أورو", "EUR")]
)
def test_currency_words_resolve_to_iso_4217(word: str, code: str) -> None:
    assert only(f"رصدت 20 مليون {word} للمشروع", "amount").currency == code


def test_every_currency_code_is_iso_4217() -> None:
    assert {
        code for code in amounts.CURRENCIES.values() if pycountry.currencies.get(alpha_3=code) is None
    } == set()


def test_capacity_in_megawatts() -> None:
    c = only("مركز بيانات بطاقة 500 ميغاواط في الداخلة", "amount")
    assert (c.value, c.unit) == (500, "megawatt")


@pytest.mark.parametrize("text", ["نمو بنسبة 15% سنويا", "نمو بنسبة 15 في المائة سنويا"])
def test_percentages(text: str) -> None:
    c = only(text, "amount")
    assert (c.value, c.unit) == (15, "percent")


def test_number_without_unit_stays_a_bare_number() -> None:
    assert kinds("شارك 12 من الخبراء") == [("number", "12")]


# -- dates ---------------------------------------------------------------------------------------


def test_day_range_without_a_year_keeps_the_year_unknown() -> None:
    c = only("خلال هذه الزيارة (10-21 فبراير)، زار الوفد", "date")
    assert (c.text, c.edtf, c.precision) == ("10-21 فبراير", "XXXX-02-10/XXXX-02-21", "day_range")


def test_year_range_with_a_dash() -> None:
    c = only("خصصت الحكومة المبلغ للفترة 2024 – 2026 لتطوير الشبكات", "date")
    assert (c.text, c.edtf, c.precision) == ("للفترة 2024 – 2026", "2024/2026", "year_range")


@pytest.mark.parametrize("horizon", ["في أفق 2030", "بحلول عام 2030"])
def test_horizons(horizon: str) -> None:
    c = only(f"تقدر السوق بذلك {horizon} حسب الخبراء", "date")
    assert (c.text, c.edtf, c.precision) == (horizon, "2030", "year")


@pytest.mark.parametrize("phrase", ["أمس الاثنين", "اليوم الثلاثاء"])
def test_relative_days_give_only_the_weekday(phrase: str) -> None:
    c = only(f"تم، {phrase} بالرباط، توقيع اتفاق", "date")
    assert (c.text, c.edtf, c.precision) == (phrase, "XXXX-XX-XX", "weekday_only")


def test_french_month_names() -> None:
    c = only("Publié le 11 juillet 2025 à Rabat", "date")
    assert (c.text, c.edtf) == ("11 juillet 2025", "2025-07-11")


def test_month_name_alone_is_not_a_date() -> None:
    assert [c for c in find("مارس الوزير مهامه بالرباط") if c.kind == "date"] == []


def test_relative_period() -> None:
    c = only("توظيف الكفاءات خلال السنوات الأربع المقبلة", "date")
    assert (c.text, c.precision) == ("خلال السنوات الأربع المقبلة", "relative")


# -- numbers inside names ------------------------------------------------------------------------


def test_year_inside_a_known_name_is_part_of_the_name(lexicon: Lexicon) -> None:
    assert kinds("قدمت استراتيجية المغرب الرقمي 2030 بالتفصيل", lexicon) == [
        ("initiative", "المغرب الرقمي 2030")
    ]


@pytest.mark.parametrize(
    ("text", "name"), [("مشاريع 5G بالمغرب", "5G"), ("قطاع الصناعة 4.0 الوطني", "الصناعة 4.0")]
)
def test_numbers_inside_unknown_names_are_not_amounts(text: str, name: str) -> None:
    assert kinds(text) == [("name", name)]


def test_programme_name_with_a_year_is_a_name() -> None:
    assert kinds("في إطار رؤية 2035 للتنمية") == [("name", "رؤية 2035")]


def test_quoted_latin_name() -> None:
    assert ("name", "Acme Cloud") in kinds("والشركة الأمريكية ” Acme Cloud “ للحوسبة")


# -- known names and normalisation ---------------------------------------------------------------


def test_alias_matches_across_hamza_taa_marbuta_diacritics_and_tatweel(lexicon: Lexicon) -> None:
    text = "نظمتها الوكاله الامريكيـة للتّجارة والتنمية أمس"
    c = only(text, "actor", lexicon)
    assert (c.ref, c.text) == ("ustda", "الوكاله الامريكيـة للتّجارة والتنمية")


def test_alias_after_attached_conjunction_and_preposition(lexicon: Lexicon) -> None:
    c = only("ووصل الوفد وبالرباط التقى", "place", lexicon)
    assert (c.ref, c.text) == ("rabat", "الرباط")


def test_lam_contraction_of_the_article(lexicon: Lexicon) -> None:
    c = only("زيارة الوفد للولايات المتحدة", "actor", lexicon)
    assert (c.ref, c.text) == ("united-states", "للولايات المتحدة")


def test_typographic_quote_marks_are_unified(lexicon: Lexicon) -> None:
    c = only('وبإنشاء معاهد "الجزري" للتكوين', "initiative", lexicon)
    assert c.ref == "jazari-institutes"


def test_longest_alias_wins(lexicon: Lexicon) -> None:
    assert kinds("نشرته وكالة المغرب العربي للأنباء", lexicon) == [("actor", "وكالة المغرب العربي للأنباء")]


def test_shared_surname_is_ambiguous_not_guessed(lexicon: Lexicon) -> None:
    c = only("وحسب مزور فإن", "actor", lexicon)
    assert (c.ref, c.alternatives) == (None, ("actor:ghita-mezzour", "actor:ryad-mezzour"))


def test_description_of_an_unnamed_actor_is_not_linked_outside_its_source(lexicon: Lexicon) -> None:
    assert [c for c in find("قالت المجموعة الفرنسية إن", lexicon) if c.kind == "actor"] == []


def test_namesakes_in_the_seeds_stay_apart() -> None:
    cur = read_curation(ROOT / "seeds")
    sources = {r.file: r.data["source_id"] for r in cur.rows if r.table == "sources"}
    refs = {}
    for source_id in ("000-moroccan-delegation-us-visit", "001-seghrouchni-state-department-talks"):
        lexicon = Lexicon(entries_from_rows(*name_rows(cur, sources), source_id=source_id))
        refs[source_id] = {(c.text, c.ref) for c in find(cur.texts[source_id], lexicon) if "مراني" in c.text}
    assert refs["000-moroccan-delegation-us-visit"] == {
        ("العمراني", "sarah-lamrani"),
        ("سارة العمراني", "sarah-lamrani"),
    }
    assert refs["001-seghrouchni-state-department-talks"] == {("يوسف عمراني", "youssef-amrani")}


def test_surname_without_the_article_is_another_person(lexicon: Lexicon) -> None:
    assert (
        only("وقال عمراني إن", "actor", lexicon).ref,
        only("وقالت العمراني إن", "actor", lexicon).ref,
    ) == (
        "youssef-amrani",
        "sarah-lamrani",
    )


def test_offsets_map_back_through_removed_marks() -> None:
    norm = normalize("مؤخرًا زار")
    assert norm.text == "مءخرا زار"
    assert (norm.start(0), norm.end(5), norm.start(6)) == (0, 6, 7)


# -- unknown organisations and people ------------------------------------------------------------


def test_organisation_cue_with_its_genitive_chain() -> None:
    c = only("ووقعت وزارة الفلاحة والصيد البحري على الاتفاقية", "organisation")
    assert c.text == "وزارة الفلاحة والصيد البحري"


def test_definite_cue_without_a_genitive_is_not_an_organisation() -> None:
    assert [c for c in find("وأكدت أن الوكالة ستوفر الدعم") if c.kind == "organisation"] == []


def test_honorific_and_name_is_a_person() -> None:
    assert only("وأكد السيد محمد بنعلي أن المشروع", "person").text == "محمد بنعلي"


def test_title_comma_name_is_a_person() -> None:
    assert only("وقال المدير العام للمكتب، كريم التازي، إن", "person").text == "كريم التازي"


def test_named_event() -> None:
    assert ("name", "نهائيات كأس العالم لكرة القدم") in kinds("أبرزها نهائيات كأس العالم لكرة القدم.")


def test_candidates_never_overlap(lexicon: Lexicon) -> None:
    text = (ROOT / "seeds" / "004_870762d835b40ab6.txt").read_text(encoding="utf-8")
    found = find(text, lexicon)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[c.start : c.end] == c.text for c in found)


def test_seed_texts_are_found_in_every_family(lexicon: Lexicon) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(ROOT / "seeds").glob("*.txt")))
    assert {c.kind for c in find(text, lexicon)} >= {"actor", "place", "initiative", "amount", "date", "name"}

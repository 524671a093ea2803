"""The finder on constructions found in the development set's real Arabic and French passages
(issue 16, second round): date ranges across months, days as words, Hijri dates with "من",
comparator verbs apart from their amount, number words, compounds of three parts, a currency
stated once for a range, reference numbers, French ordinals, and people before or after long
titles.  Sentences are shortened from the passages of benchmarks/finder_dev; each test checks one
rule.
"""

from __future__ import annotations

from helpers import only

from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon


def date(text: str) -> tuple[str, str | None, str | None]:
    c = only(text, "date")
    return c.text, c.edtf, c.precision


# -- dates ---------------------------------------------------------------------------------------


def test_a_range_across_two_months_is_one_date() -> None:
    assert date("ستعقد دورته السابعة بالدار البيضاء من 31 ماي إلى رابع يونيو المقبلين.") == (
        "من 31 ماي إلى رابع يونيو",
        "XXXX-05-31/XXXX-06-04",
        "day_range",
    )


def test_fatih_is_the_first_day_of_a_month() -> None:
    assert date("تحتضن العاصمة المعرض ما بين 30 ماي الجاري وفاتح يونيو القادم") == (
        "ما بين 30 ماي الجاري وفاتح يونيو",
        "XXXX-05-30/XXXX-06-01",
        "day_range",
    )


def test_ordinal_words_date_the_days_of_a_range() -> None:
    assert date("تحتضن مدينة الدارالبيضاء ما بين الثالث والخامس من نونبر المقبل المعرض")[1:] == (
        "XXXX-11-03/XXXX-11-05",
        "day_range",
    )


def test_an_ordinal_word_with_its_article_alone_is_not_a_day() -> None:
    assert [c for c in find("خلال الأسبوع الثالث من يونيو") if c.kind == "date"] == []


def test_the_second_day_of_a_range_may_be_glued_to_wa() -> None:
    assert date("ينظم المعرض بين 21 و24 شتنبر")[1] == "XXXX-09-21/XXXX-09-24"


def test_a_french_range_across_the_year_end_starts_the_year_before() -> None:
    assert date("Le salon se tient du 30 décembre au 2 janvier 2026.")[1] == "2025-12-30/2026-01-02"


def test_min_between_a_day_and_a_hijri_month_keeps_the_day() -> None:
    assert date("الظهير الشريف الصادر بتاريخ 27 من شعبان 1432")[1:] == (None, "hijri_day")


# -- amounts -------------------------------------------------------------------------------------


def test_a_comparator_verb_keeps_its_amount_across_the_subject() -> None:
    c = only("الاقتصاد المغربي، الذي يناهز ناتجه الداخلي الخام حاليًا 170 مليار دولار، سيستفيد", "amount")
    assert (c.value, c.currency, c.comparator) == (1.7e11, "USD", "about")


def test_a_ceiling_verb_before_an_amount_is_at_most() -> None:
    c = only("أعلن المغرب عن مركز بيانات بطاقة استيعابية تصل إلى 500 ميغاواط.", "amount")
    assert (c.text, c.value, c.unit, c.comparator) == ("تصل إلى 500 ميغاواط", 500, "megawatt", "at_most")


def test_a_value_reached_after_lam_stays_equal() -> None:
    c = only("ارتفعت الاستثمارات لتصل إلى 500 مليون درهم.", "amount")
    assert (c.text, c.comparator) == ("500 مليون درهم", "equal")


def test_taqillu_an_is_less_than() -> None:
    c = only("أطلقت الوكالة برنامجا بميزانية تقل عن 50 مليون درهم.", "amount")
    assert (c.value, c.currency, c.comparator) == (5e7, "MAD", "less_than")


def test_a_trailing_ala_al_akthar_is_at_most() -> None:
    c = only("سيتم توظيف 600 مهندس على الأكثر", "amount")
    assert (c.text, c.unit, c.comparator) == ("600 مهندس على الأكثر", "engineers", "at_most")


def test_french_ceilings_and_floors_take_their_comparators() -> None:
    readings = [
        (only(text, "amount").comparator)
        for text in (
            "une capacité pouvant atteindre 500 mégawatts",
            "un taux plafonné à 37 %",
            "un budget inférieur à 50 millions de dirhams",
            "un budget de 20 millions de dirhams au maximum",
        )
    ]
    assert readings == ["at_most", "at_most", "less_than", "at_most"]


def test_a_comparator_verb_far_from_a_bare_year_makes_no_amount() -> None:
    assert [c.kind for c in find("تجاوزت صادرات المغرب سنة 2024 رقما قياسيا")] == ["date"]


def test_a_comparator_before_a_number_word_is_an_amount_without_unit() -> None:
    c = only("سيشارك فيها أزيد من مائة عارض مغربي وأجنبي", "amount")
    assert (c.text, c.value, c.unit, c.comparator) == ("أزيد من مائة", 100, None, "more_than")


def test_a_french_number_word_multiplies_its_multiplier() -> None:
    c = only("Rabat entend investir onze milliards de dirhams entre 2024 et 2026.", "amount")
    assert (c.text, c.value, c.currency) == ("onze milliards de dirhams", 1.1e10, "MAD")


def test_a_compound_of_three_parts_adds_them_all() -> None:
    assert only("بلغ عدد المستفيدين 13 مليون و 388 ألف و 726 شخصا", "amount").value == 13_388_726


def test_a_year_after_a_compound_is_not_its_third_part() -> None:
    assert only("وصل إلى 3 ملايين و500 ألف و2024", "amount").text == "3 ملايين و500 ألف"


def test_the_second_amount_of_a_range_takes_the_currency_stated_once() -> None:
    text = "Il vise à porter les revenus de 17,9 milliards de dirhams en 2023 à 40 milliards en 2030."
    second = [c for c in find(text) if c.kind == "amount"][1]
    assert (second.text, second.unit, second.currency) == ("40 milliards", "currency", "MAD")


def test_an_amount_after_a_full_stop_keeps_no_currency_of_the_sentence_before() -> None:
    text = "Le budget est de 3 milliards de dirhams. Il passera à 5 milliards."
    assert [c.currency for c in find(text) if c.kind == "amount"] == ["MAD", None]


# -- numbers and names ---------------------------------------------------------------------------


def test_a_number_after_raqm_is_a_reference_name() -> None:
    assert [(c.kind, c.text) for c in find("القانون التنظيمي رقم 066.13")] == [("name", "066.13")]


def test_a_french_ordinal_is_a_counted_number() -> None:
    c = only("Le Maroc se classe 113ème du classement mondial.", "number")
    assert (c.text, c.value) == ("113ème", 113)


def test_a_person_after_a_long_indefinite_title() -> None:
    text = "وأشرف على التوقيع وزير التعليم العالي والبحث العلمي والابتكار عزالدين ميداوي، ووزير التربية"
    assert only(text, "person").text == "عزالدين ميداوي"


def test_a_title_after_a_comma_is_not_a_persons_name() -> None:
    text = "وقعها وزير الصناعة، ووزير التربية"
    assert [c for c in find(text) if c.kind == "person"] == []


def test_a_title_going_on_after_wa_is_not_a_person() -> None:
    assert [
        c for c in find("أعلنت وزيرة الانتقال الرقمي وإصلاح الإدارة، صباح اليوم") if c.kind == "person"
    ] == []


def test_a_person_named_before_a_comma_and_a_title(lexicon: Lexicon) -> None:
    text = "وقع الاتفاقية كل من سعيد أمزازي، رئيس جهة سوس ماسة"
    assert only(text, "person", lexicon).text == "سعيد أمزازي"


def test_a_glued_wa_is_not_part_of_a_persons_name(lexicon: Lexicon) -> None:
    text = (
        "بين أمل الفلاح السغروشني، الوزيرة المنتدبة، وسعيد إهراي، رئيس اللجنة الوطنية لمراقبة حماية المعطيات"
    )
    assert only(text, "person", lexicon).text == "سعيد إهراي"

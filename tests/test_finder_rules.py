"""The finder on constructions of real Moroccan news, Arabic and French (issue 16).

Sentences are written here after the constructions of articles from maghress.com, hespress,
alnahar.ma, journal24.ma, kawalisserif.com, alhadathpress.com (Arabic) and lnt.ma,
fr.allafrica.com, lanouvelletribune.info, africanmanager.com, challenge.ma (French), shortened
and reworded: the rules are general, each test checks one of them.
"""

from __future__ import annotations

import pytest
from helpers import only

from moroccodigital.definitions.enums import Comparator
from moroccodigital.finder import amounts
from moroccodigital.finder.extract import find, language
from moroccodigital.finder.lexicon import Lexicon, is_generic, skeleton


def amount(text: str) -> tuple[str, float | None, str | None, str | None, str | None]:
    c = only(text, "amount")
    return c.text, c.value, c.unit, c.currency, c.comparator


# -- Arabic amounts ------------------------------------------------------------------------------


def test_compound_amount_adds_its_parts() -> None:
    assert amount("رصدت الحكومة مليار و400 مليون درهم للبرنامج") == (
        "مليار و400 مليون درهم",
        1.4e9,
        "currency",
        "MAD",
        "equal",
    )


def test_second_part_after_a_multiplier_word_alone() -> None:
    assert amount("هبة بقيمة ألف و500 درهم")[:2] == ("ألف و500 درهم", 1500)


def test_two_numbers_joined_by_wa_are_a_range_not_one_compound() -> None:
    assert [(c.kind, c.text, c.value, c.comparator) for c in find("ما بين 2 و3 ملايين درهم")] == [
        ("amount", "ما بين 2 و3 ملايين درهم", 2e6, "at_least"),
    ]


def test_digits_glued_to_a_conjunction_are_read() -> None:
    assert amount("بلغت الاستثمارات 3 ملايين و600 ألف دولار")[1] == 3.6e6
    assert amount("وخصص و600 مليون درهم للشبكات")[:2] == ("600 مليون درهم", 6e8)


def test_percent_glued_to_a_preposition() -> None:
    assert amount("تغطية تقدر بـ90٪ من السكان")[:3] == ("90٪", 90, "percent")


def test_frequency_after_la_with_tatweel() -> None:
    assert amount("منح رخصة لـ120 ميغا هرتز للمتعهد")[:3] == ("120 ميغا هرتز", 120, "megahertz")


def test_thousands_dot_before_a_multiplier_is_kept() -> None:
    assert amount("بقرابة 1.500 مليار دولار")[1] == 1.5e12


def test_verb_comparators() -> None:
    assert amount("استثمارات تناهز 80 مليار درهم")[4] == "about"
    assert amount("مهندسون يتجاوز عددهم 600 مهندس")[4] == "more_than"
    assert amount("نسبة لا يتعدى 37٪ في القارة")[4] == "at_most"
    assert amount("توظيف 600 مهندس على الأقل")[4] == "at_least"


def test_every_comparator_the_finder_emits_is_in_the_schema() -> None:
    values = {*amounts.COMPARATORS.values(), *amounts.TRAILING_COMPARATORS.values(), "equal", "unspecified"}
    assert values - {c.value for c in Comparator} == set()


# -- French amounts ------------------------------------------------------------------------------


def test_french_decimal_comma_and_multiplier() -> None:
    assert amount("un investissement de 1,4 milliard de dirhams") == (
        "1,4 milliard de dirhams",
        1.4e9,
        "currency",
        "MAD",
        "equal",
    )


def test_french_space_separates_thousands() -> None:
    assert amount("la création de 240 000 emplois directs")[:3] == ("240 000 emplois", 240000, "jobs")


def test_press_abbreviations_carry_their_multiplier() -> None:
    assert amount("un budget de quelque 1 200 MDH")[1:] == (1.2e9, "currency", "MAD", "about")
    assert amount("une contribution de 100 MMDH au PIB")[1] == 1e11


@pytest.mark.parametrize(
    ("phrase", "comparator"),
    [("plus de 100 milliards de dirhams", "more_than"), ("près de 85 pour cent", "about"),
     ("environ 10,27 milliards de dollars", "about"), ("moins de 900 millions de dirhams", "less_than"),
     ("jusqu'à 70 %", "at_most")],
)  # fmt: skip
def test_french_comparators(phrase: str, comparator: str) -> None:
    c = only(f"Le Maroc vise {phrase} selon le ministère.", "amount")
    assert (c.text, c.comparator) == (phrase, comparator)


def test_currency_symbols() -> None:
    assert amount("un marché de 8 M€ seulement")[1:4] == (8e6, "currency", "EUR")


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["تغطية 85 في المائة بحلول نهاية عام 2030", "في الربع الأخير لسنة 2025", "d'ici fin 2026",
             "à la mi-2024", "dès début 2026"],
)  # fmt: skip
def test_part_of_year(text: str) -> None:
    c = only(text, "date")
    assert c.precision == "part_of_year"


@pytest.mark.parametrize("text", ["02-03-2022", "02/03/2022"])
def test_datelines_are_day_first(text: str) -> None:
    c = only(f"الرباط {text} أعلنت الوزارة", "date")
    assert (c.edtf, c.precision) == ("2022-03-02", "day")


def test_hijri_date_keeps_its_text_and_invents_no_gregorian_date() -> None:
    c = only("صدر الظهير في 15 محرم 1447 بالرباط", "date")
    assert (c.text, c.edtf, c.precision) == ("15 محرم 1447", None, "hijri_day")


@pytest.mark.parametrize(
    ("text", "precision"), [("في رمضان 1446 بالرباط", "hijri_month"), ("صدر سنة 1447 هـ", "hijri_year")]
)
def test_hijri_months_and_years(text: str, precision: str) -> None:
    c = only(text, "date")
    assert (c.edtf, c.precision) == (None, precision)


def test_french_weekday_before_a_full_date() -> None:
    c = only("Elle a reçu, mardi 22 juillet 2025, l'ambassadeur.", "date")
    assert (c.text, c.edtf, c.precision) == ("mardi 22 juillet 2025", "2025-07-22", "day")


@pytest.mark.parametrize(
    ("text", "precision"), [("signé l'an dernier", "relative"), ("publié récemment", "recent")]
)
def test_french_relative_dates(text: str, precision: str) -> None:
    assert only(text, "date").precision == precision


@pytest.mark.parametrize(
    ("text", "name"),
    [("الاستعداد لكأس العالم 2030 بالمغرب", "كأس العالم 2030"), ("تنظيم CAN 2025 بالمغرب", "CAN 2025"),
     ("على هامش Gitex Africa 2024 بمراكش", "Gitex Africa 2024"),
     ("La Coupe du Monde 2030 sera un catalyseur.", "Coupe du Monde 2030"),
     ("في إطار استراتيجية المغرب الرقمي أفق 2030", "استراتيجية المغرب الرقمي أفق 2030")],
)  # fmt: skip
def test_a_year_inside_a_name_is_not_a_date(text: str, name: str) -> None:
    found = find(text)
    assert ("name", name) in [(c.kind, c.text) for c in found]
    assert [c for c in found if c.kind == "date"] == []


# -- names and linking ---------------------------------------------------------------------------


def test_language_is_decided_from_the_letters() -> None:
    assert (language("وقعت الوزارة اتفاقية"), language("La ministre a signé une convention.")) == ("ar", "fr")


def test_french_words_with_accents_and_hyphens_stay_whole() -> None:
    names = [c.text for c in find("Il a visité Tétouan et les instituts Al-Jazari avec l'opérateur Iozera.")]
    assert names == ["Tétouan", "Al-Jazari", "Iozera"]


def test_latin_registry_names_link_in_french(lexicon: Lexicon) -> None:
    found = find("en présence de la ministre Amal El Fallah Seghrouchni et de l'ADD", lexicon)
    assert [(c.text, c.ref) for c in found] == [
        ("Amal El Fallah Seghrouchni", "amal-el-fallah-seghrouchni"),
        ("ADD", "digital-development-agency"),
    ]


def test_a_known_name_inside_a_longer_latin_name_does_not_link(lexicon: Lexicon) -> None:
    assert [(c.kind, c.text) for c in find("L'opérateur Maroc Telecom a investi.", lexicon)] == [
        ("name", "Maroc Telecom")
    ]


def test_a_known_name_as_genitive_of_an_arabic_head_does_not_link(lexicon: Lexicon) -> None:
    assert [(c.kind, c.text) for c in find("أعلنت اتصالات المغرب", lexicon)] == [
        ("organisation", "اتصالات المغرب")
    ]
    assert [c for c in find("صرح رئيس الحكومة", lexicon) if c.ref == "government-of-morocco"] == []


def test_a_surname_after_another_given_name_is_not_that_person(lexicon: Lexicon) -> None:
    refs = {c.ref for c in find("وقال يوسف العمراني إن", lexicon)}
    assert "sarah-lamrani" not in refs


def test_a_surname_after_its_own_given_name_links(lexicon: Lexicon) -> None:
    assert only("وقالت سارة العمراني إن", "actor", lexicon).ref == "sarah-lamrani"


@pytest.mark.parametrize("spelling", ["صغروشني", "السغرشني", "سغروشني"])
def test_spelling_variants_of_a_known_surname_find_its_bearers(lexicon: Lexicon, spelling: str) -> None:
    c = only(f"وحسب {spelling} فإن", "actor", lexicon)
    assert (c.variant, set(c.alternatives)) == (
        True,
        {"actor:amal-el-fallah-seghrouchni", "actor:omar-seghrouchni"},
    )


def test_the_spelling_key_keeps_consonants_apart() -> None:
    assert skeleton("السغروشني") == skeleton("صغروشني") != skeleton("السغريني")


def test_generic_registry_names_do_not_link_in_new_articles(lexicon: Lexicon) -> None:
    assert is_generic("مركز بيانات") and not is_generic("وكالة التنمية الرقمية")
    assert [c for c in find("إحداث مركز بيانات بطنجة", lexicon) if c.ref == "dakhla-data-centre"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("واستقبلت الوزيرة ليلى بنعلي الوفد", "ليلى بنعلي"), ("وأكد السفير ستيف لانغ أن", "ستيف لانغ"),
     ("M. Ryad Mezzour a rappelé", "Ryad Mezzour"), ("l'ambassadeur Steve Lang a reçu", "Steve Lang")],
)  # fmt: skip
def test_people_after_a_title_without_a_comma(text: str, name: str) -> None:
    assert [c.text for c in find(text) if c.kind == "person"] == [name]


def test_a_place_after_a_glued_preposition_is_not_a_person() -> None:
    assert [c for c in find("وقال المدير، بسان فرانسيسكو، إن") if c.kind == "person"] == []


def test_a_country_after_a_title_still_links(lexicon: Lexicon) -> None:
    assert only("بحضور سفير المملكة المغربية لدى واشنطن", "actor", lexicon).ref == "morocco"


def test_proper_names_without_an_article_are_not_generic() -> None:
    assert not any(is_generic(name) for name in ("أوستن", "واشنطن", "تكساس", "سيليكون فالي"))


def test_a_french_name_after_a_title_and_a_comma_is_a_person() -> None:
    text = "en présence du directeur général des Services, Hakim Rachid, et des partenaires"
    assert [c.text for c in find(text) if c.kind == "person"] == ["Hakim Rachid"]


def test_a_capitalised_institution_noun_alone_is_not_a_name() -> None:
    text = "la ministre chargée de la Transition numérique et de la Réforme de l'administration"
    assert [c for c in find(text) if c.kind == "name"] == []


def test_an_apposed_arabic_name_is_given_without_its_honorific() -> None:
    assert [c.text for c in find("أعلن رئيس الحكومة، السيد عزيز أخنوش، أن") if c.kind == "person"] == [
        "عزيز أخنوش"
    ]


def test_the_spelling_key_keeps_the_last_letter() -> None:
    assert skeleton("العمراني") == skeleton("عمراني") != skeleton("العمران")


def test_a_common_noun_sharing_a_surname_skeleton_is_not_linked(lexicon: Lexicon) -> None:
    assert [c for c in find("مشاريع مجموعة العمران بالرباط", lexicon) if c.kind == "actor"] == []


# -- rules from the development set (benchmarks/finder_dev) ------------------------------------------


def test_a_french_month_without_a_year_after_en_is_a_month() -> None:
    c = only("le lancement commercial est prévu en novembre, selon l'agence", "date")
    assert (c.text, c.edtf, c.precision) == ("en novembre", "XXXX-11", "month")


def test_a_month_before_prochain_is_a_month_but_a_day_before_it_stays_a_day() -> None:
    assert only("prévue pour novembre prochain", "date").edtf == "XXXX-11"
    assert only("signé le 25 septembre dernier à Rabat", "date").edtf == "XXXX-09-25"


def test_a_month_name_alone_is_still_not_a_date() -> None:
    assert [c for c in find("Le ministre a rappelé que mars reste une planète") if c.kind == "date"] == []


def test_a_year_range_whose_second_year_is_glued_to_waw() -> None:
    c = only("خلال الفترة الممتدة بين 2009 و2013", "date")
    assert (c.edtf, c.precision) == ("2009/2013", "year_range")


def test_french_hours_are_a_clock_time() -> None:
    assert only("arrivé ce lundi peu après 17 heures à Rabat", "time").text == "17 heures"


def test_yawmuhu_before_a_weekday_is_a_weekday() -> None:
    c = only("وأعلنت الوزيرة يومه الثلاثاء أمام المجلس", "date")
    assert (c.text, c.precision) == ("يومه الثلاثاء", "weekday_only")


def test_a_quoted_title_ending_with_a_year_is_one_name(lexicon: Lexicon) -> None:
    found = find("في ثالث أيام “جيتيكس إفريقيا المغرب 2025” تم التوقيع", lexicon)
    assert [(c.kind, c.text) for c in found] == [("name", "جيتيكس إفريقيا المغرب 2025")]


def test_a_quoted_known_name_with_its_year_still_links(lexicon: Lexicon) -> None:
    assert only("أطلقت الحكومة “المغرب الرقمي 2030”", "initiative", lexicon).ref == "digital-morocco-2030"


def test_budget_posts_are_jobs() -> None:
    assert amount("بتخصيص 50 منصبا ماليا جديدا")[:3] == ("50 منصبا", 50, "jobs")


def test_un_minimum_de_is_at_least() -> None:
    assert amount("s'est engagé à verser un minimum de 600 millions de dirhams")[4] == "at_least"


def test_two_french_names_joined_by_et_are_two_names() -> None:
    text = "Trois entreprises ont été retenues : Médi Telecom et Wana Corporate."
    assert [c.text for c in find(text) if c.kind == "name"] == ["Médi Telecom", "Wana Corporate"]


def test_a_known_name_joined_by_et_leaves_the_other_name(lexicon: Lexicon) -> None:
    found = [(c.kind, c.text) for c in find("Le Maroc et la France ont signé plusieurs accords", lexicon)]
    assert ("place", "France") in found and ("actor", "Maroc") in found


def test_an_institution_keeps_its_et() -> None:
    text = "le ministère de l'Économie et des Finances a signé"
    assert [c.text for c in find(text) if c.kind == "name"] == ["ministère de l'Économie et des Finances"]


def test_a_royal_style_before_a_name_is_a_title() -> None:
    text = "sur invitation de Sa Majesté le Roi Mohammed VI."
    assert [(c.kind, c.text) for c in find(text)] == [("person", "Mohammed VI")]


def test_a_countrys_french_name_reads_as_actor_and_place(lexicon: Lexicon) -> None:
    c = only("transformer le paysage numérique du Maroc d'ici 2030", "actor", lexicon)
    assert (c.ref, c.alternatives) == ("morocco", ("actor:morocco", "place:morocco"))


def test_a_person_after_an_indefinite_title_and_its_genitive() -> None:
    assert only("يشار إلى أن رئيس الحكومة عزيز أخنوش، كان قد كشف", "person").text == "عزيز أخنوش"


def test_an_institution_written_in_sentence_case_is_one_name() -> None:
    text = "L'Agence nationale de réglementation des télécommunications (ANRT) a invité vendredi"
    names = [c.text for c in find(text) if c.kind == "name"]
    assert names == ["Agence nationale de réglementation des télécommunications", "ANRT"]


def test_a_known_company_after_the_word_company_links(lexicon: Lexicon) -> None:
    assert only("وقعت شركة إنتل اتفاقية مع الوزارة", "actor", lexicon).ref == "intel"


def test_a_known_country_inside_a_longer_name_still_does_not_link(lexicon: Lexicon) -> None:
    assert [c.ref for c in find("وقال مسؤول في اتصالات المغرب", lexicon)] == [None]


def test_cities_outside_the_registries_are_places() -> None:
    found = find("وقد يتجاوز هذا المعدل في الناظور والحسيمة ووجدة وتطوان.")
    assert [(c.kind, c.text, c.ref) for c in found if c.kind == "place"] == [
        ("place", "الناظور", None),
        ("place", "الحسيمة", None),
        ("place", "وجدة", None),
        ("place", "تطوان", None),
    ]


def test_a_gazetteer_place_inside_a_longer_latin_name_is_not_a_place() -> None:
    found = [(c.kind, c.text) for c in find("le siège à Casablanca Finance City et à Abidjan")]
    assert found == [("name", "Casablanca Finance City"), ("place", "Abidjan")]


def test_a_gazetteer_country_inside_a_longer_name_is_part_of_it() -> None:
    text = "un accord avec la République Fédérale d’Allemagne sur le numérique"
    assert [(c.kind, c.text) for c in find(text)] == [("name", "République Fédérale d’Allemagne")]


def test_a_generic_registry_name_links_where_its_sentence_names_its_place(lexicon: Lexicon) -> None:
    text = "يجري التحضير لإنشاء مركز بيانات بطاقة 500 ميغاواط في الداخلة. ويهم مركز بيانات آخر طنجة."
    assert [c.ref for c in find(text, lexicon) if c.text == "مركز بيانات"] == ["dakhla-data-centre", None]


@pytest.mark.parametrize(
    "text",
    [
        "من المرتقب إطلاقها مطلع السنة",
        "au cours du premier semestre, selon",
        "en début d'année, le ministère",
    ],
)
def test_a_part_of_a_year_that_states_no_year_is_relative(text: str) -> None:
    c = only(text, "date")
    assert (c.edtf, c.precision) == (None, "relative")


def test_a_part_of_a_stated_year_keeps_its_year() -> None:
    c = only("au cours du premier semestre 2026", "date")
    assert (c.edtf, c.precision) == ("2026", "part_of_year")

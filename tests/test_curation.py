"""The curated values at every known pitfall of the five articles, read from the built data."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import pytest
from helpers import ROOT

import moroccodigital as md
from moroccodigital.curation.texts import locate
from moroccodigital.curation.yamlfiles import load_yaml


def _row(table: str, key: str, value: str) -> pd.Series:
    frame = md.load(table)
    rows = frame[frame[key] == value]
    assert len(rows) == 1, f"{table}.{key} == {value!r}: {len(rows)} rows"
    return rows.iloc[0]


def _aliases(actor_id: str) -> set[str]:
    aliases = md.load("aliases")
    return set(aliases.loc[aliases.actor_id == actor_id, "alias_ar"])


# -- relative dates and unstated years ------------------------------------------------------------


def test_yesterday_monday_keeps_only_the_weekday_and_the_reference_date_apart() -> None:
    event = _row("events", "event_id", "seghrouchni-elmergawi-talks-washington")
    assert event.date_text == "أمس الاثنين"
    assert (event.date_edtf, event.date_precision) == ("XXXX-XX-XX", "weekday_only")
    assert pd.isna(event.date_lower) and pd.isna(event.date_upper)
    assert event.corroborated_lower == datetime(2025, 3, 17)
    assert "yabiladi" in event.corroborated_url


def test_today_tuesday_is_not_dated_by_the_other_articles_timestamps() -> None:
    event = _row("events", "event_id", "onepoint-centre-protocol-signing")
    assert (event.date_text, event.date_precision) == ("اليوم الثلاثاء", "weekday_only")
    assert pd.isna(event.date_lower)
    assert event.corroborated_lower == datetime(2025, 7, 22)


def test_recently_stays_recently() -> None:
    event = _row("events", "event_id", "us-5g-cybersecurity-delegation-rabat-visit")
    assert (event.date_text, event.date_precision) == ("مؤخرًا", "recent")
    assert pd.isna(event.date_edtf) and pd.isna(event.date_lower)


def test_a_day_range_without_a_year_has_an_unspecified_year_and_no_bounds() -> None:
    event = _row("events", "event_id", "moroccan-digital-delegation-us-visit")
    assert event.date_edtf == "XXXX-02-10/XXXX-02-21"
    assert event.date_precision == "day_range"
    assert pd.isna(event.date_lower) and pd.isna(event.date_upper)
    assert (event.corroborated_lower, event.corroborated_upper) == (
        datetime(2024, 2, 10),
        datetime(2024, 2, 21),
    )


def test_mid_2024_keeps_the_year_and_flags_the_conflict_with_the_reference() -> None:
    event = _row("events", "event_id", "krantz-evans-ghita-mezzour-rabat-meeting")
    assert (event.date_edtf, event.date_precision) == ("2024", "part_of_year")
    assert "Conflict with the reference" in event.date_note
    assert pd.isna(event.corroborated_edtf)


# -- names: word orders, spellings, namesakes -------------------------------------------------------


def test_one_agency_named_in_two_word_orders_is_one_actor() -> None:
    assert {
        "الوكالة الأمريكية للتجارة والتنمية",
        "الوكالة الأمريكية للتنمية والتجارة",
        "وكالة التجارة والتنمية الأمريكية",
        "USTDA",
    } <= _aliases("ustda")


def test_one_person_spelled_two_ways_is_one_actor() -> None:
    assert {"غريتشن كرانتز إيفانز", "جريتشن كرانز إيفانز", "إيفانز"} <= _aliases("gretchen-krantz-evans")
    assert _row("actors", "actor_id", "gretchen-krantz-evans").name_en == "Gretchen Krantz Evans"


def test_namesakes_are_two_actors_and_each_short_form_goes_to_the_right_one() -> None:
    assert "العمراني" in _aliases("sarah-lamrani")
    assert "عمراني" not in _aliases("sarah-lamrani")
    assert "العمراني" not in _aliases("youssef-amrani")  # only with his given name: "يوسف العمراني"
    assert "يوسف عمراني" in _aliases("youssef-amrani")
    assert not _aliases("youssef-amrani") & _aliases("sarah-lamrani")
    assert "مزور" in _aliases("ryad-mezzour")
    assert _aliases("ghita-mezzour") == {"غيثة مزور"}


def test_an_unnamed_minister_is_not_the_named_one() -> None:
    target = _row("targets", "target_id", "ai-gdp-contribution-2030")
    assert target.owner_actor_id == "morocco"
    minister = _row("actors", "actor_id", "004-minister-digital-transition")
    assert not minister.named
    roles = md.load("roles")
    assert set(roles.loc[roles.person_id == "ghita-mezzour", "role_id"]) == {"ghita-mezzour-minister-004"}


def test_latin_spellings_come_from_the_reference_file() -> None:
    actors = md.load("actors").set_index("actor_id")
    assert actors.loc["sarah-lamrani", "name_en"] == "Sarah Lamrani"
    assert actors.loc["leila-elmergawi", "name_en"] == "Leila Elmergawi"
    assert actors.loc["ryad-mezzour", "name_en"] == "Ryad Mezzour"


def test_the_company_the_text_calls_american_is_recorded_as_swedish() -> None:
    ericsson = _row("actors", "actor_id", "ericsson")
    assert ericsson.country == "SWE"
    assert "Swedish" in ericsson.ref_note


def test_products_are_not_actors() -> None:
    assert not md.load("actors").name_en.str.contains("Starlink").any()


# -- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target_id", "value", "comparator", "unit", "currency"),
    [
        ("global-ai-market-2030", 1.5e12, "about", "currency", "USD"),
        ("ai-jobs-2030", 50_000, "equal", "jobs", None),
        ("ai-graduates-2030", 200_000, "equal", "graduates", None),
        ("ai-gdp-contribution-2030", 1e11, "equal", "currency", "MAD"),
        ("digital-infrastructure-budget-2024-2026", 1.1e10, "equal", "currency", "MAD"),
        ("dakhla-data-centre-capacity", 500, "equal", "megawatt", None),
        ("onepoint-moroccan-talent-hiring", 500, "more_than", "skilled_professionals", None),
        ("onepoint-moroccan-engineers-hiring", 500, "equal", "engineers", None),
    ],
)
def test_amounts_are_resolved_with_their_qualifiers(
    target_id: str, value: float, comparator: str, unit: str, currency: str | None
) -> None:
    target = _row("targets", "target_id", target_id)
    assert (target.value, target.comparator, target.unit) == (value, comparator, unit)
    assert (target.currency if pd.notna(target.currency) else None) == currency


def test_billions_without_a_number_stays_without_a_value() -> None:
    target = _row("targets", "target_id", "morocco-ai-2030-investment")
    assert pd.isna(target.value)
    assert (target.comparator, target.value_text) == ("unspecified", "مليارات الدراهم")


def test_one_commitment_stated_by_two_speakers_is_two_statements_of_one_commitment() -> None:
    layani = _row("targets", "target_id", "onepoint-moroccan-talent-hiring")
    minister = _row("targets", "target_id", "onepoint-moroccan-engineers-hiring")
    assert layani.commitment_id == minister.commitment_id
    assert (layani.value_text, minister.value_text) == ("أكثر من 500 كفاءة مغربية", "500 مهندس مغربي")


def test_numbers_inside_names_are_not_targets() -> None:
    targets = md.load("targets")
    assert not targets.value_text.str.contains("2030|4.0|5G").any()
    names = set(md.load("initiatives").name_ar)
    assert {"المغرب الرقمي 2030", "الصناعة 4.0", "Morocco AI 2030"} <= names


def test_a_deadline_taken_from_a_programme_name_says_so_and_is_not_stated() -> None:
    target = _row("targets", "target_id", "ai-jobs-2030")
    assert (target.implied_deadline_edtf, target.implied_deadline_basis) == ("2030", "programme_name")
    assert pd.isna(target.deadline_text) and pd.isna(target.deadline_edtf)


# -- places and page furniture ---------------------------------------------------------------------


def test_dakhla_records_the_territory_code_and_the_attributed_country() -> None:
    dakhla = _row("places", "place_id", "dakhla")
    assert (dakhla.iso3166_alpha3, dakhla.attributed_country) == ("ESH", "MAR")


def test_at_home_is_not_dakhla() -> None:
    quotes = [p.quote for p in md.evidence("places", "dakhla")]
    assert quotes
    assert all("الداخلة" in quote or "Dakhla" in quote for quote in quotes), quotes


FURNITURE = ["تكنولوجيا\n", "قد يعجبك ايضا", "Back to top button", "Close", "11 juillet 2025", "مواطن\n"]


@pytest.mark.parametrize("furniture", FURNITURE)
def test_page_furniture_lies_outside_the_body_and_outside_all_evidence(furniture: str) -> None:
    sources = md.load("sources")
    evidence = md.load("evidence")
    found = False
    for source in sources.itertuples():
        text = md.text(source.source_id)
        for match in re.finditer(re.escape(furniture), text):
            found = True
            assert not source.body_start <= match.start() < source.body_end
            spans = evidence[evidence.source_id == source.source_id]
            assert not ((spans.start <= match.start()) & (match.start() < spans.end)).any()
    assert found


def test_bylines_are_recorded_on_their_source_and_not_as_actors() -> None:
    sources = md.load("sources").set_index("source_id")
    assert sources.loc["001-seghrouchni-state-department-talks", "byline"] == "رشيد محمودي"
    assert sources.loc["004-international-cooperation-analysis", "byline"] == "إعداد : عثمان القدوري"
    assert not md.load("aliases").alias_ar.isin(["رشيد محمودي", "عثمان القدوري"]).any()


# -- coverage --------------------------------------------------------------------------------------


def _waived(source_id: str, text: str) -> list[tuple[int, int]]:
    """The passages a source's waivers excuse, read from its annotation file."""
    file = next(
        p for p in (ROOT / "seeds").glob("*.yaml") if load_yaml(p)["source"]["source_id"] == source_id
    )
    return [locate(text, w["quote"], w.get("occurrence")) for w in load_yaml(file).get("waivers") or []]


def test_every_number_in_every_article_body_is_covered_by_evidence_or_a_waiver() -> None:
    evidence = md.load("evidence")
    for source in md.load("sources").itertuples():
        text = md.text(source.source_id)
        spans = evidence[evidence.source_id == source.source_id]
        waived = _waived(source.source_id, text)
        for match in re.finditer(r"\d+(?:[.,]\d+)*", text[: source.body_end]):
            if match.start() < source.body_start:
                continue
            covered = ((spans.start <= match.start()) & (match.end() <= spans.end)).any()
            covered = covered or any(a <= match.start() and match.end() <= b for a, b in waived)
            assert covered, f"{source.source_id}: {match.group()!r} at {match.start()} is not covered"


def test_every_record_has_evidence() -> None:
    evidence = md.load("evidence")
    keys = set(zip(evidence.record_table, evidence.record_id, strict=True))
    for table in evidence.record_table.cat.categories:
        frame = md.load(table)
        id_column = md.schema(table)["primaryKey"][0]
        missing = [r for r in frame[id_column] if (table, r) not in keys]
        assert not missing, f"{table}: {missing}"

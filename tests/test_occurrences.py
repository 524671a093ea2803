"""The event level: curated groups of reports of one event, checked, and their disagreements kept.

The fixture is a project with two annotated sources of one signing: seed 003 and a copy of it
under another name whose text dates the signing to Wednesday 23 July 2025 in Marrakech (the seed
says "today, Tuesday", in Rabat).  Every record id of the copy gets the suffix "-b".
"""

from __future__ import annotations

import copy
import hashlib
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT

import moroccodigital as md
from moroccodigital.curation import checks
from moroccodigital.curation.annotations import read_curation
from moroccodigital.dataset.build import build
from moroccodigital.errors import Problem

SEED = "003_d3c2d790c9a48fca"
COPY = "903_onepoint_copy"
SEED_DAY, COPY_DAY = "اليوم الثلاثاء بالرباط", "يوم الأربعاء 23 يوليوز 2025 بمراكش"
GROUPS: list[dict[str, Any]] = [
    {
        "occurrence_id": "onepoint-protocol-signing",
        "kind": "event",
        "title_en": "Signing of the Onepoint centre-of-excellence protocol",
        "reports": ["onepoint-centre-protocol-signing", "onepoint-centre-protocol-signing-b"],
        "rationale": "Both report the same signing (SUPPORT) by the same ministries and Onepoint.",
    },
    {
        "occurrence_id": "onepoint-protocol",
        "kind": "agreement",
        "title_en": "Onepoint centre-of-excellence protocol",
        "reports": ["onepoint-centre-of-excellence-protocol", "onepoint-centre-of-excellence-protocol-b"],
        "rationale": "The same protocol with the same parties.",
    },
    {
        "occurrence_id": "onepoint-hiring",
        "kind": "commitment",
        "title_en": "Onepoint's hiring of Moroccan engineers",
        "reports": [
            "onepoint-moroccan-talent-hiring",
            "onepoint-moroccan-engineers-hiring",
            "onepoint-moroccan-talent-hiring-b",
            "onepoint-moroccan-engineers-hiring-b",
        ],
        "rationale": "The same hiring commitment, stated by the minister and by Layani in each source.",
    },
]


def _copy_seed(seeds: Path) -> None:
    """Seed 003 under another name, with another date and place in its text and its coding."""
    text = (seeds / f"{SEED}.txt").read_text(encoding="utf-8")
    assert text.count(SEED_DAY) == 1
    (seeds / f"{COPY}.txt").write_text(text.replace(SEED_DAY, COPY_DAY), encoding="utf-8")
    raw = (seeds / f"{SEED}.yaml").read_text(encoding="utf-8")
    raw = raw.replace(f"تم، {SEED_DAY}", f"تم، {COPY_DAY}").replace(
        "quote: تم، اليوم الثلاثاء}", "quote: تم، يوم الأربعاء}"
    )
    doc = yaml.safe_load(raw)
    ids = [doc["source"]["source_id"]]
    ids += [a["actor_id"] for a in doc.get("unnamed_actors", [])]
    for section, key in (("roles", "role_id"), ("events", "event_id"), ("agreements", "agreement_id")):
        ids += [item[key] for item in doc.get(section, [])]
    for target in doc["targets"]:
        ids += [target["target_id"], target["commitment_id"]]
    for old in sorted(set(ids), key=len, reverse=True):
        raw = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", f"{old}-b", raw)
    doc = yaml.safe_load(raw)
    data = (seeds / f"{COPY}.txt").read_bytes()
    doc["source"].update(file_name=f"{COPY}.txt", sha256=hashlib.sha256(data).hexdigest())
    day = date(2025, 7, 23)
    dated = {
        "text": {"quote": "يوم الأربعاء 23 يوليوز 2025", "gloss": "on Wednesday 23 July 2025"},
        "edtf": "2025-07-23",
        "precision": "day",
        "lower": day,
        "upper": day,
        "note": None,
    }
    marrakech = {"place": "marrakech", "quote": "بمراكش", "gloss": "in Marrakech"}
    doc["mentions"] = [dict(marrakech) if m.get("place") == "rabat" else m for m in doc["mentions"]]
    for event in doc["events"]:
        if event["event_id"] == "onepoint-centre-protocol-signing-b":
            event["date"] = copy.deepcopy(dated)
            event["places"] = [dict(marrakech)]
    for agreement in doc["agreements"]:
        agreement["date"] = copy.deepcopy(dated)
        agreement["place_id"] = "marrakech"
    text = yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
    (seeds / f"{COPY}.yaml").write_text(text, "utf-8")


class _NoAliases(yaml.SafeDumper):
    """Annotation files refuse YAML aliases: write each repeated value out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write_groups(seeds: Path, groups: list[dict[str, Any]]) -> None:
    path = seeds / "registry" / "occurrences.yaml"
    path.write_text(yaml.dump(groups, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built project in which two sources report one signing."""
    root = tmp_path_factory.mktemp("event-level")
    for name in ("seeds", "pyproject.toml", "CHANGELOG.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    _copy_seed(root / "seeds")
    _write_groups(root / "seeds", GROUPS)
    build(root)
    return root


@pytest.fixture(scope="module")
def level(two_sources: Path) -> md.Occurrences:
    return md.open(two_sources / "data").occurrences()


def _problems(root: Path, groups: list[dict[str, Any]], tmp: Path) -> list[Problem]:
    """The problems the checks find with other groups in the same two-source project."""
    shutil.copytree(root / "seeds", tmp / "seeds")
    _write_groups(tmp / "seeds", groups)
    return checks.check_curation(read_curation(tmp / "seeds"))[1]


def _value(
    level: md.Occurrences, occurrence: str, attribute: str, actor: str | None = None
) -> dict[str, str]:
    rows = level.values[(level.values.occurrence_id == occurrence) & (level.values.attribute == attribute)]
    if actor is not None:
        rows = rows[rows.actor_id == actor]
    return dict(zip(rows.source_id, rows.value, strict=True))


def test_each_group_becomes_one_occurrence_counting_its_reports_and_sources(level: md.Occurrences) -> None:
    occ = level.occurrences.set_index("occurrence_id")
    assert occ.loc["onepoint-protocol-signing", "report_count"] == 2
    assert occ.loc["onepoint-protocol-signing", "source_count"] == 2
    assert occ.loc["onepoint-hiring", "report_count"] == 4
    assert occ.loc["onepoint-hiring", "source_count"] == 2


def test_the_reports_stay_at_the_report_level_with_their_evidence(two_sources: Path) -> None:
    data = md.open(two_sources / "data")
    events = set(data.load("events").event_id)
    assert {"onepoint-centre-protocol-signing", "onepoint-centre-protocol-signing-b"} <= events
    assert data.evidence("events", "onepoint-centre-protocol-signing-b")


def test_a_date_the_reports_disagree_on_keeps_each_value_with_its_source(level: md.Occurrences) -> None:
    assert _value(level, "onepoint-protocol-signing", "date_edtf") == {
        "003-onepoint-centre-of-excellence-protocol": "XXXX-XX-XX",
        "003-onepoint-centre-of-excellence-protocol-b": "2025-07-23",
    }
    conflicts = level.conflicts[level.conflicts.occurrence_id == "onepoint-protocol-signing"]
    assert {"date_edtf", "date_precision", "weekday", "places"} <= set(conflicts.attribute)


def test_a_weekday_is_compared_as_the_date_text_names_it(level: md.Occurrences) -> None:
    assert sorted(_value(level, "onepoint-protocol-signing", "weekday").values()) == ["Tuesday", "Wednesday"]
    assert list(_value(level, "onepoint-protocol-signing", "weekday_of_date").values()) == ["Wednesday"]


def test_a_place_the_reports_disagree_on_is_recorded_for_events_and_agreements(level: md.Occurrences) -> None:
    assert sorted(_value(level, "onepoint-protocol-signing", "places").values()) == ["marrakech", "rabat"]
    assert sorted(_value(level, "onepoint-protocol", "places").values()) == ["marrakech", "rabat"]


def test_a_value_all_reports_share_is_agreed_with_every_supporting_source(level: md.Occurrences) -> None:
    agreed = level.agreed[
        (level.agreed.occurrence_id == "onepoint-protocol") & (level.agreed.attribute == "agreement_type")
    ]
    assert list(agreed.value) == ["protocol"]
    assert agreed.iloc[0]["sources"] == [
        "003-onepoint-centre-of-excellence-protocol",
        "003-onepoint-centre-of-excellence-protocol-b",
    ]


def test_the_disagreement_count_is_the_number_of_disputed_attributes(level: md.Occurrences) -> None:
    for occurrence, count in level.occurrences.set_index("occurrence_id")["disagreement_count"].items():
        disputed = level.conflicts[level.conflicts.occurrence_id == occurrence]
        assert count == len(disputed[["attribute", "actor_id"]].drop_duplicates())


def test_a_commitment_compares_amount_and_comparator_across_speakers(level: md.Occurrences) -> None:
    amounts = level.values[
        (level.values.occurrence_id == "onepoint-hiring") & (level.values.attribute == "amount")
    ]
    assert len(amounts) == 4
    assert set(amounts.concordance) == {"disagree"}


def test_a_report_that_is_not_in_the_table_of_its_kind_is_refused(two_sources: Path, tmp_path: Path) -> None:
    wrong = [
        {
            **GROUPS[0],
            "reports": ["onepoint-centre-of-excellence-protocol", "onepoint-centre-protocol-signing"],
        }
    ]
    problems = _problems(two_sources, wrong, tmp_path)
    assert any("is in agreements, not events" in p.message for p in problems)


def test_a_report_id_that_exists_nowhere_is_refused(two_sources: Path, tmp_path: Path) -> None:
    wrong = [{**GROUPS[0], "reports": ["onepoint-centre-protocol-signing", "no-such-event"]}]
    problems = _problems(two_sources, wrong, tmp_path)
    assert any("'no-such-event', which is not in events" in p.message for p in problems)


def test_a_report_belongs_to_at_most_one_occurrence(two_sources: Path, tmp_path: Path) -> None:
    second = {**GROUPS[0], "occurrence_id": "another-signing"}
    problems = _problems(two_sources, [GROUPS[0], second], tmp_path)
    assert any("already reports occurrence 'onepoint-protocol-signing'" in p.message for p in problems)


def test_two_reports_from_one_source_need_a_reason(two_sources: Path, tmp_path: Path) -> None:
    reports = [
        "onepoint-moroccan-talent-hiring",
        "onepoint-moroccan-engineers-hiring",
        "global-ai-market-2030",
    ]
    problems = _problems(two_sources, [{**GROUPS[2], "reports": reports}], tmp_path)
    assert any(
        "3 reports come from source '003-onepoint-centre-of-excellence-protocol'" in p.message
        for p in problems
    )


def test_one_sources_statements_of_one_commitment_need_no_reason(two_sources: Path, tmp_path: Path) -> None:
    reports = ["onepoint-moroccan-talent-hiring", "onepoint-moroccan-engineers-hiring"]
    assert _problems(two_sources, [{**GROUPS[2], "reports": reports}], tmp_path) == []


def test_a_commitment_takes_every_statement_sharing_its_commitment_id(
    two_sources: Path, tmp_path: Path
) -> None:
    partial = [{**GROUPS[2], "reports": GROUPS[2]["reports"][:1] + GROUPS[2]["reports"][2:3]}]
    problems = _problems(two_sources, partial, tmp_path)
    assert any("state the same commitment" in p.message for p in problems)

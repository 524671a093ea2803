"""The completeness audit: on the real seeds, and on copies broken on purpose."""

from __future__ import annotations

from pathlib import Path

from helpers import ROOT

from moroccodigital.curation.annotations import read_curation
from moroccodigital.finder.audit import COVERED_BY, AuditReport, SourceIndex, audit, name_rows
from moroccodigital.finder.extract import KINDS, find
from moroccodigital.finder.lexicon import Lexicon, entries_from_rows

SEED_003 = "seeds/003_d3c2d790c9a48fca.yaml"
HIRING_PASSAGES = ("{quote: 500 مهندس مغربي", "تهدف إلى توظيف 500 مهندس مغربي")
"""The minister's hiring figure in 003: its target's value passage and its evidence passage."""


def gaps(report: AuditReport, source_prefix: str) -> list[str]:
    return [g.candidate.text for s in report.sources if s.source_id.startswith(source_prefix) for g in s.gaps]


def edit(project: Path, seed: str, old: str, new: str, count: int = 1) -> None:
    """Replace an exact piece of a seed's annotation file, which must occur `count` times."""
    path = project / seed
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (old, text.count(old))
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_waivers(project: Path, seed: str, *lines: str) -> None:
    """Give a seed exactly these waivers (its waivers section, which ends the file, is replaced)."""
    path = project / seed
    text = path.read_text(encoding="utf-8").split("\nwaivers:\n")[0]
    path.write_text(text + "\nwaivers:\n" + "".join(f"  {x}\n" for x in lines), encoding="utf-8")


def test_every_candidate_in_the_seeds_is_evidenced_or_waived() -> None:
    report = audit(ROOT)
    assert report.lines() and report.ok, str(report)
    seeds = sorted((ROOT / "seeds").glob("*.yaml"))
    assert [s.coverage for s in report.sources] == [100.0] * len(seeds)


def test_audit_fails_when_an_evidence_passage_is_removed(project: Path) -> None:
    assert "500 مهندس" not in gaps(audit(project), "003")
    path = project / SEED_003
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(passage in line for passage in HIRING_PASSAGES)]
    path.write_text("".join(kept), encoding="utf-8")
    report = audit(project)
    assert "500 مهندس" in gaps(report, "003")
    assert not report.ok
    assert next(s for s in report.sources if s.source_id.startswith("003")).coverage < 100


def test_a_waiver_excuses_its_candidate(project: Path) -> None:
    add_waivers(project, SEED_003, '- {quote: middleware, reason: "a technical term, not an actor"}')
    report = audit(project)
    source = next(s for s in report.sources if s.source_id.startswith("003"))
    assert "middleware" not in gaps(report, "003")
    assert source.waived == 1
    assert report.problems == []


def test_a_waiver_needs_a_reason(project: Path) -> None:
    add_waivers(project, SEED_003, '- {quote: middleware, reason: ""}')
    assert [p.field for p in audit(project).problems] == ["waivers[0]"]


def test_a_waiver_that_excuses_nothing_is_a_problem(project: Path) -> None:
    add_waivers(project, SEED_003, "- {quote: Onepoint, occurrence: 1, reason: evidence covers it already}")
    problems = audit(project).problems
    assert len(problems) == 1 and "excuses no uncovered candidate" in problems[0].message


def test_page_furniture_is_not_audited() -> None:
    report = audit(ROOT)
    assert not [text for s in report.sources for g in s.gaps if "juillet" in (text := g.candidate.text)]
    assert all(g.candidate.text != "Close" for s in report.sources for g in s.gaps)


def test_gaps_become_build_problems_naming_file_and_source(project: Path) -> None:
    path = project / SEED_003
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(passage in line for passage in HIRING_PASSAGES)]
    path.write_text("".join(kept), encoding="utf-8")
    problem = next(p for p in audit(project).as_problems() if "500 مهندس" in p.message)
    assert (problem.file, problem.record, problem.field) == (
        SEED_003,
        "003-onepoint-centre-of-excellence-protocol",
        "waivers",
    )
    assert "add a waiver with its reason: - {quote: 500 مهندس" in problem.message


def test_each_source_finds_the_names_a_lexicon_of_every_row_finds() -> None:
    """The audit reads each source's names from its own rows and keeps only the shared names that
    occur in its text; that must find exactly what the lexicon of every curated row finds."""
    cur = read_curation(ROOT / "seeds")
    index = SourceIndex(cur)
    rows = name_rows(cur, index.sources)
    for source_id, text in cur.texts.items():
        full = Lexicon(entries_from_rows(*rows, source_id=source_id, recorded=index.recorded(source_id)))
        assert find(text, index.lexicon(source_id, text)) == find(text, full), source_id


def test_a_date_inside_an_event_passage_is_recorded_only_by_a_date_passage(project: Path) -> None:
    assert "اليوم الثلاثاء" not in gaps(audit(project), "003")
    edit(project, SEED_003, 'text: {quote: اليوم الثلاثاء, gloss: "today, Tuesday"}', "text: null", count=2)
    assert "اليوم الثلاثاء" in gaps(audit(project), "003")  # the event's sentence still contains it


def test_a_name_inside_an_agreement_passage_is_recorded_only_by_a_mention_or_link(project: Path) -> None:
    mention = (
        "  - {initiative: digital-morocco-2030, quote: “المغرب الرقمي 2030″, gloss: “Digital Morocco 2030”}\n"
    )
    assert "المغرب الرقمي 2030" not in gaps(audit(project), "003")
    edit(project, SEED_003, mention, "")
    assert "المغرب الرقمي 2030" in gaps(audit(project), "003")  # the agreement's passage still contains it


def _fixture_article(project: Path, annotation: str) -> None:
    fixtures = ROOT / "tests" / "fixtures"
    (project / "seeds" / "900_fixture.txt").write_bytes((fixtures / "article.txt").read_bytes())
    (project / "seeds" / "900_fixture.yaml").write_text(annotation, encoding="utf-8")


def test_an_amount_in_a_target_passage_is_recorded_when_it_states_the_targets_value(project: Path) -> None:
    good = (ROOT / "tests" / "fixtures" / "good.yaml").read_text(encoding="utf-8")
    restated = good.split("\nwaivers:\n")[0].replace(
        "    commitment_id: fixture-engineers\n    note: null\n",
        "    commitment_id: fixture-engineers\n    note: null\n    evidence:\n"
        "      - {quote: وقالت الوزارة إن المغرب يسعى إلى تكوين 300 مهندس إضافي, gloss: restated}\n",
    )
    _fixture_article(project, restated)
    assert "300 مهندس" not in gaps(audit(project), "900")  # the restating passage states the value
    _fixture_article(project, restated.replace("    value: 300\n", "    value: 400\n"))
    assert "300 مهندس" in gaps(audit(project), "900")  # a value the target no longer has


def test_every_kind_of_candidate_says_which_passages_record_it() -> None:
    assert set(COVERED_BY) == set(KINDS)


def test_a_generic_registry_name_links_only_in_a_source_that_records_it() -> None:
    """The draft's rule (`lexicon.is_generic`), which the audit follows: "مركز بيانات" is the
    Dakhla data centre only in the article whose curation says so, not in another article."""
    index = SourceIndex(read_curation(ROOT / "seeds"))
    text = "يجري التحضير لإنشاء مركز بيانات جديد"
    refs = {
        source: {c.ref for c in find(text, index.lexicon(source, text))}
        for source in ("004-international-cooperation-analysis", "000-moroccan-delegation-us-visit")
    }
    assert "dakhla-data-centre" in refs["004-international-cooperation-analysis"]
    assert "dakhla-data-centre" not in refs["000-moroccan-delegation-us-visit"]

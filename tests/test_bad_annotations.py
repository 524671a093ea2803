"""A catalogue of malformed annotations: each gives one exact, readable error and writes nothing.

Each case in tests/fixtures/bad/ is the valid fixture annotation (tests/fixtures/good.yaml, for
the small article tests/fixtures/article.txt) with one defect; it is added to a copy of the
project as a sixth article, so the error must name exactly that file, record and field.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import ROOT, snapshot

from moroccodigital.dataset.build import build
from moroccodigital.errors import MAX_REPORTED, BuildError, Problem

FIXTURES = ROOT / "tests" / "fixtures"
FILE = "seeds/900_fixture.yaml"

CASES: list[tuple[str, str, str, str]] = [
    # case, record, field, what the message says
    ("yaml_syntax_error", "", "", "cannot read: YAML syntax error at line"),
    ("not_utf8", "", "", "cannot read: is not UTF-8"),
    ("byte_order_mark", "", "", "cannot read: starts with a byte-order mark"),
    ("empty_file", "", "", "cannot read: is empty"),
    ("yaml_alias_bomb", "", "", "YAML aliases (*name) are not allowed"),
    ("duplicate_key", "", "", "key 'event_type' appears twice"),
    ("unknown_field", "events/fixture-signing", "titel_en", "Extra inputs are not permitted"),
    ("missing_required_field", "events/fixture-signing", "event_type", "Field required"),
    ("wrong_type", "targets/fixture-engineers", "value", "Input should be a valid number"),
    ("unknown_enum_value", "events/fixture-signing", "event_type", "Input should be 'AGREE', 'CONSULT'"),
    (
        "duplicate_id",
        "actors/morocco",
        "actor_id",
        "duplicate id (first defined in seeds/registry/actors.yaml)",
    ),
    ("id_not_a_slug", "events/Fixture Signing", "event_id", "String should match pattern"),
    (
        "dangling_participant_actor",
        "event_participants/fixture-signing--ministry-of-nothing",
        "actor_id",
        "refers to 'ministry-of-nothing', which is not in actors",
    ),
    ("dangling_event_place", "event_places/fixture-signing--atlantis", "place_id", "which is not in places"),
    (
        "dangling_party_actor",
        "agreement_parties/fixture-agreement--900-no-company",
        "actor_id",
        "refers to '900-no-company', which is not in actors",
    ),
    (
        "dangling_on_behalf_of",
        "agreement_parties/fixture-agreement--900-test-company",
        "on_behalf_of_id",
        "refers to '900-no-company', which is not in actors",
    ),
    ("dangling_target_owner", "targets/fixture-engineers", "owner_actor_id", "which is not in actors"),
    (
        "dangling_target_initiative",
        "targets/fixture-engineers",
        "initiative_id",
        "which is not in initiatives",
    ),
    ("dangling_target_agreement", "targets/fixture-engineers", "agreement_id", "which is not in agreements"),
    ("dangling_part_of_event", "events/fixture-signing", "part_of_event_id", "which is not in events"),
    ("dangling_agreement_event", "agreements/fixture-agreement", "event_id", "which is not in events"),
    ("dangling_agreement_place", "agreements/fixture-agreement", "place_id", "which is not in places"),
    (
        "dangling_agreement_initiative",
        "agreements/fixture-agreement",
        "initiative_id",
        "which is not in initiatives",
    ),
    (
        "dangling_mention_actor",
        "aliases/morroco--",
        "actor_id",
        "refers to 'morroco', which is not in actors",
    ),
    (
        "dangling_role_person",
        "roles/fixture-role",
        "person_id",
        "refers to 'no-such-person', which is not in actors",
    ),
    ("unknown_link_key", "fixture-agreement", "parties[0]", "unknown key(s) ['on_behalf']"),
    ("quote_not_in_text", "fixture-agreement", "evidence[0].quote", "quote not found in the text"),
    ("quote_twice_without_occurrence", "fixture-engineers", "expression.quote", "quote occurs 2 times"),
    (
        "occurrence_out_of_range",
        "fixture-engineers",
        "expression.quote",
        "occurrence 3 asked, but the quote occurs 2",
    ),
    ("number_inside_a_number", "fixture-engineers", "expression.quote", "inside a longer word or number"),
    ("quote_in_nfd", "900-fixture-article", "body.last.quote", "not in Unicode NFC"),
    ("gloss_missing", "morocco", "mention.gloss", "every passage needs an English gloss"),
    ("malformed_edtf", "targets/fixture-engineers", "deadline_edtf", "'2026-13-45' is not valid EDTF"),
    ("lower_bound_after_upper_bound", "targets/fixture-engineers", "(record)", "is after upper bound"),
    (
        "edtf_disagrees_with_bounds",
        "targets/fixture-engineers",
        "deadline_edtf",
        "spans 2026-01-01..2026-12-31",
    ),
    ("unknown_iso3166_code", "actors/900-test-company", "country", "'XYZ' is not an ISO 3166-1 alpha-3 code"),
    ("unknown_iso4217_code", "targets/fixture-engineers", "currency", "'XYZ' is not an ISO 4217 code"),
    ("negative_amount", "targets/fixture-engineers", "value", "greater than or equal to 0"),
    ("non_finite_amount", "", "", "'.inf' is read by YAML 1.1 as float"),
    (
        "comparator_without_value",
        "targets/fixture-engineers",
        "(record)",
        "value is null exactly when the comparator",
    ),
    (
        "currency_with_a_non_money_unit",
        "targets/fixture-engineers",
        "(record)",
        "a currency is given exactly when",
    ),
    (
        "mode_on_a_non_consult_event",
        "events/fixture-signing",
        "(record)",
        "mode is defined for CONSULT events only",
    ),
    ("evidence_outside_the_body", "morocco", "mention", "lies outside the article body"),
    (
        "year_not_in_its_source",
        "events/fixture-signing",
        "summary_en",
        "states the year 2024, which source 900-fixture-article does not",
    ),
    ("seed_sha256_mismatch", "900-fixture-article", "sha256", "the seed's sha256 is 7042fe2e"),
    ("annotation_for_a_missing_seed", "900-fixture-article", "file_name", "no seed article 901_missing.txt"),
    ("yaml_octal_number", "", "", "'0300' is read by YAML 1.1 as int"),
    ("yaml_sexagesimal_number", "", "", "'5:00' is read by YAML 1.1 as int"),
    ("yaml_merge_key", "", "", "merge keys (<<) are not allowed"),
    ("yaml_complex_key", "", "", "a key is a list or a mapping; keys are plain text"),
    ("yaml_binary_tag", "", "", "YAML tags (tag:yaml.org,2002:binary) are not allowed"),
    ("yaml_deep_nesting", "", "", "nests brackets 30000 deep"),
    ("event_part_of_itself", "events/fixture-signing", "part_of_event_id", "makes a cycle"),
]

CODES = {
    "yaml_syntax_error": "yaml-syntax",
    "not_utf8": "bad-encoding",
    "byte_order_mark": "bad-encoding",
    "empty_file": "empty-file",
    "yaml_alias_bomb": "yaml-alias",
    "duplicate_key": "duplicate-key",
    "duplicate_id": "duplicate-id",
    "unknown_link_key": "unknown-key",
    "quote_not_in_text": "quote-not-found",
    "quote_twice_without_occurrence": "quote-ambiguous",
    "occurrence_out_of_range": "bad-occurrence",
    "number_inside_a_number": "quote-inside-word",
    "quote_in_nfd": "quote-not-nfc",
    "gloss_missing": "missing-gloss",
    "malformed_edtf": "invalid-edtf",
    "edtf_disagrees_with_bounds": "edtf-bounds",
    "unknown_iso3166_code": "not-iso-3166",
    "unknown_iso4217_code": "not-iso-4217",
    "evidence_outside_the_body": "outside-body",
    "year_not_in_its_source": "year-not-in-source",
    "seed_sha256_mismatch": "sha256-mismatch",
    "annotation_for_a_missing_seed": "text-missing",
    "non_finite_amount": "yaml-lenient-scalar",
    "yaml_octal_number": "yaml-lenient-scalar",
    "yaml_sexagesimal_number": "yaml-lenient-scalar",
    "yaml_merge_key": "yaml-merge-key",
    "yaml_complex_key": "yaml-syntax",
    "yaml_binary_tag": "yaml-tag",
    "yaml_deep_nesting": "yaml-too-deep",
    "event_part_of_itself": "reference-cycle",
    **{case: "dangling-reference" for case, *_ in CASES if case.startswith("dangling_")},
}
"""The stable code of each case; every other case is a value the model refuses (`schema-invalid`)."""


def _add_article(
    project: Path, annotation: bytes, text: bytes | None = None, stem: str = "900_fixture"
) -> None:
    (project / "seeds" / f"{stem}.yaml").write_bytes(annotation)
    if text is not None:
        (project / "seeds" / f"{stem}.txt").write_bytes(text)


def _problems(project: Path) -> list[Problem]:
    before = snapshot(project / "data") | snapshot(project / "schemas")
    with pytest.raises(BuildError) as err:
        build(project)
    assert snapshot(project / "data") | snapshot(project / "schemas") == before
    return err.value.problems


def test_the_valid_fixture_builds(project: Path) -> None:
    _add_article(project, (FIXTURES / "good.yaml").read_bytes(), (FIXTURES / "article.txt").read_bytes())
    assert build(project)["sources"] == len(list((ROOT / "seeds").glob("*.yaml"))) + 1


def test_every_fixture_file_has_a_case() -> None:
    assert {p.stem for p in (FIXTURES / "bad").glob("*.yaml")} == {case for case, *_ in CASES}


@pytest.mark.parametrize(("case", "record", "field", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_annotation_gives_its_exact_error_and_writes_nothing(
    project: Path, case: str, record: str, field: str, message: str
) -> None:
    text = (FIXTURES / "article.txt").read_bytes()
    stem = "901_missing" if case == "annotation_for_a_missing_seed" else "900_fixture"
    _add_article(
        project,
        (FIXTURES / "bad" / f"{case}.yaml").read_bytes(),
        None if stem != "900_fixture" else text,
        stem,
    )
    problems = _problems(project)
    expected_file = f"seeds/{stem}.yaml"
    matching = [
        p for p in problems if p.file == expected_file and p.record.startswith(record) and p.field == field
    ]
    assert matching and message in matching[0].message, "\n".join(map(str, problems))
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert matching[0].code == CODES.get(case, "schema-invalid")


def test_a_seed_with_a_byte_order_mark_is_refused(project: Path) -> None:
    text = b"\xef\xbb\xbf" + (FIXTURES / "article.txt").read_bytes()
    _add_article(project, (FIXTURES / "good.yaml").read_bytes(), text)
    (problem,) = _problems(project)
    assert (problem.file, problem.field) == (FILE, "file_name")
    assert "byte-order mark" in problem.message


def test_a_seed_in_nfd_is_refused(project: Path) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", (FIXTURES / "article.txt").read_text(encoding="utf-8"))
    _add_article(project, (FIXTURES / "good.yaml").read_bytes(), text.encode("utf-8"))
    (problem,) = _problems(project)
    assert "not in Unicode NFC" in problem.message


def test_a_very_large_file_is_refused_quickly_in_bounded_memory(project: Path) -> None:
    huge = (FIXTURES / "good.yaml").read_bytes() + b"#" * 3_000_000 + b"\n"
    _add_article(project, huge, (FIXTURES / "article.txt").read_bytes())
    tracemalloc.start()
    started = time.perf_counter()
    problems = _problems(project)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.file for p in problems] == [FILE]
    assert "over the 2,000,000-byte limit" in problems[0].message
    assert peak < 50_000_000 and elapsed < 60


def test_an_alias_bomb_is_refused_in_bounded_memory(project: Path) -> None:
    _add_article(
        project,
        (FIXTURES / "bad" / "yaml_alias_bomb.yaml").read_bytes(),
        (FIXTURES / "article.txt").read_bytes(),
    )
    tracemalloc.start()
    _problems(project)
    assert tracemalloc.get_traced_memory()[1] < 50_000_000
    tracemalloc.stop()


def test_several_problems_are_reported_together(project: Path) -> None:
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    text = text.replace("    value: 300\n", "    value: -300\n").replace(
        "    country: MAR\n", "    country: XYZ\n"
    )
    text = text.replace("    event_type: SUPPORT\n", "    event_type: MEET\n")
    _add_article(project, text.encode("utf-8"), (FIXTURES / "article.txt").read_bytes())
    assert len(_problems(project)) == 3


def test_a_long_report_is_cut_at_the_limit_and_says_how_many_more() -> None:
    problems = [Problem("f", f"r{i:04}", "x", "m") for i in range(MAX_REPORTED + 5)]
    report = BuildError(problems).report()
    assert report.startswith(f"{MAX_REPORTED + 5} problem(s) found")
    assert report.endswith("… and 5 more")


def test_a_fixture_copy_does_not_leak_into_the_real_seeds() -> None:
    assert not (ROOT / "seeds" / "900_fixture.yaml").exists()

"""The build: it reproduces the committed data byte for byte, and a failure changes nothing."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, snapshot

from moroccodigital.dataset.build import build
from moroccodigital.errors import BuildError


def test_a_fresh_build_reproduces_the_committed_data_and_schemas(project: Path) -> None:
    (project / "data").rename(project / "old-data")
    (project / "schemas").rename(project / "old-schemas")
    build(project)
    assert snapshot(project / "data") == snapshot(ROOT / "data")
    assert snapshot(project / "schemas") == snapshot(ROOT / "schemas")


def test_two_builds_are_byte_identical(project: Path) -> None:
    build(project)
    first = snapshot(project / "data") | snapshot(project / "schemas")
    build(project)
    assert snapshot(project / "data") | snapshot(project / "schemas") == first


def test_the_build_reports_row_counts_of_every_table(project: Path) -> None:
    counts = build(project)
    assert counts["sources"] == len(list((project / "seeds").glob("*.yaml")))
    empty = {name for name, n in counts.items() if n == 0}
    assert not empty, f"tables with no rows: {sorted(empty)}"


def _break(project: Path, old: str, new: str, seed: str = "003_d3c2d790c9a48fca.yaml") -> None:
    path = project / "seeds" / seed
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_annotation_leaves_data_and_schemas_untouched(project: Path) -> None:
    before = snapshot(project / "data") | snapshot(project / "schemas")
    _break(project, "comparator: more_than", "comparator: roughly")
    with pytest.raises(BuildError):
        build(project)
    assert snapshot(project / "data") | snapshot(project / "schemas") == before


def test_an_error_names_the_file_the_record_and_the_field(project: Path) -> None:
    _break(project, "comparator: more_than", "comparator: roughly")
    with pytest.raises(BuildError) as err:
        build(project)
    (problem,) = err.value.problems
    assert problem.file == "seeds/003_d3c2d790c9a48fca.yaml"
    assert problem.record == "targets/onepoint-moroccan-talent-hiring"
    assert problem.field == "comparator"
    assert "'more_than'" in problem.message


def test_a_quote_not_in_the_text_is_reported_with_its_place(project: Path) -> None:
    _break(project, "quote: أكثر من 500 كفاءة مغربية", "quote: أكثر من 600 كفاءة مغربية")
    with pytest.raises(
        BuildError, match=r"onepoint-moroccan-talent-hiring › expression.quote: quote not found"
    ):
        build(project)


def test_an_ambiguous_quote_is_an_error(project: Path) -> None:
    _break(
        project,
        "{place: rabat, quote: بالرباط, gloss: in Rabat}",
        "{place: rabat, quote: الدار البيضاء – سطات, gloss: x}",
    )
    with pytest.raises(BuildError, match="occurs 2 times"):
        build(project)


def test_a_dangling_reference_is_an_error(project: Path) -> None:
    _break(project, "owner_actor_id: onepoint", "owner_actor_id: one-point")
    with pytest.raises(BuildError, match="refers to 'one-point', which is not in actors"):
        build(project)


def test_an_edtf_string_that_disagrees_with_its_bounds_is_an_error(project: Path) -> None:
    _break(project, "lower: 2030-01-01", "lower: 2029-01-01")
    with pytest.raises(BuildError, match=r"spans 2030-01-01\.\.2030-12-31"):
        build(project)


def test_an_unknown_currency_is_an_error(project: Path) -> None:
    _break(project, "currency: USD", "currency: USX")
    with pytest.raises(BuildError, match="'USX' is not an ISO 4217 code"):
        build(project)


def test_a_record_without_evidence_is_an_error(project: Path) -> None:
    registry = project / "seeds" / "registry" / "places.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "- {place_id: tangier, kind: city, name_en: Tangier, name_ar: طنجة, iso3166_alpha3: MAR,"
        " latitude: 35.77, longitude: -5.80, coordinate_kind: own, ref_url: 'https://en.wikipedia.org/wiki/Tangier'}\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="places/tangier: has no evidence passage"):
        build(project)


def test_a_changed_seed_text_is_detected_by_its_sha256(project: Path) -> None:
    seed = project / "seeds" / "002_8e4c45eb6b4498d9.txt"
    seed.write_bytes(seed.read_bytes() + b" ")
    with pytest.raises(BuildError, match="the seed's sha256 is"):
        build(project)


def test_problems_are_reported_together(project: Path) -> None:
    _break(project, "comparator: more_than", "comparator: roughly")
    _break(project, "currency: USD", "currency: USX")
    with pytest.raises(BuildError) as err:
        build(project)
    assert len(err.value.problems) == 2


def test_a_second_build_at_the_same_time_is_refused(project: Path) -> None:
    with (project / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build is running"):
            build(project)


def test_the_command_line_exits_non_zero_with_a_readable_report(project: Path) -> None:
    _break(project, "currency: USD", "currency: USX")
    run = subprocess.run(
        [sys.executable, "-m", "moroccodigital", "build", "--root", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "1 problem(s) found; nothing was written" in run.stderr
    assert "targets/global-ai-market-2030 › currency: 'USX' is not an ISO 4217 code" in run.stderr


def test_the_build_fails_when_the_audit_finds_an_unrecorded_candidate(project: Path) -> None:
    seed = project / "seeds" / "002_8e4c45eb6b4498d9.yaml"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.split("\nwaivers:\n")[0] + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match="نهائيات كأس العالم"):
        build(project)

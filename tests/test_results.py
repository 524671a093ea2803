"""One way results render: every command prints its result's lines, and a problem reads the same
line wherever it is listed (build, validate, audit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from moroccodigital.cli import main
from moroccodigital.dataset.summary import info, validate
from moroccodigital.errors import BuildError
from moroccodigital.finder.audit import audit

SEED_003 = "seeds/003_d3c2d790c9a48fca.yaml"


def test_a_command_prints_exactly_its_result(capsys: pytest.CaptureFixture[str]) -> None:
    for command, result in (("info", info(ROOT / "data")), ("validate", validate(ROOT / "data"))):
        assert main([command, str(ROOT / "data")]) == 0
        assert capsys.readouterr().out == "\n".join(result.lines()) + "\n" == str(result) + "\n"


def test_a_result_that_is_not_ok_prints_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = validate(tmp_path / "nowhere")
    assert not report.ok
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert capsys.readouterr().out == str(report) + "\n"


def test_validate_lists_a_problem_as_the_build_does_with_its_code(tmp_path: Path) -> None:
    report = validate(tmp_path / "nowhere")
    (problem,) = report.problems
    line = BuildError([problem]).report().splitlines()[1]
    assert line == f"  - {problem}" and line.endswith("[not-found]")
    assert line in str(report).splitlines()


def test_the_audit_lists_its_problems_as_the_build_does(project: Path) -> None:
    path = project / SEED_003
    text = path.read_text(encoding="utf-8").split("\nwaivers:\n")[0]
    waiver = "  - {quote: Onepoint, occurrence: 1, reason: evidence covers it already}\n"
    path.write_text(text + "\nwaivers:\n" + waiver, encoding="utf-8")
    report = audit(project)
    (problem,) = report.problems
    lines = str(report).splitlines()
    assert lines[-2:] == ["1 problem(s) reading the annotations and waivers:", f"  - {problem}"]
    assert BuildError([problem]).report().splitlines()[1] == lines[-1]


def test_a_list_with_nothing_in_it_is_not_printed() -> None:
    complete = validate(ROOT / "data")
    assert not complete.skipped and "Not checked:" not in str(complete)
    assert "Checked:" in str(complete).splitlines()

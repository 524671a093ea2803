"""README stays true: its table of row counts and its test command match the project."""

from __future__ import annotations

import re

from helpers import ROOT

import moroccodigital as md

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_table_lists_every_table_with_its_row_count_and_description() -> None:
    block = README.split("<!-- tables:start -->")[1].split("<!-- tables:end -->")[0]
    rows = re.findall(r"^\| `(\w+)` \| (\d+) \| (.+?) \|$", block, flags=re.M)
    assert [(name, int(count), text) for name, count, text in rows] == [
        (t.name, t.rows, t.description) for t in md.tables()
    ]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"\n{ci}\n" in README

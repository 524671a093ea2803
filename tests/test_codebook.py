"""The codebook is generated, complete and current; the README sections stay true to the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from helpers import ROOT

from moroccodigital.definitions.columns import column_names, column_type
from moroccodigital.definitions.enums import DescribedEnum
from moroccodigital.definitions.models import MODELS
from moroccodigital.docsgen.codebook import CODEBOOK, RULES, er_diagram, render_codebook

README_SECTIONS = ROOT / "README.md"


@pytest.fixture(scope="module")
def codebook() -> str:
    return render_codebook(ROOT)


def test_the_committed_codebook_is_the_one_the_code_renders(codebook: str) -> None:
    committed = (ROOT / CODEBOOK).read_text(encoding="utf-8")
    assert committed == codebook, "docs/codebook.md is stale: run `moroccodigital codebook` and commit it"


def _section(codebook: str, table: str) -> str:
    start = codebook.index(f"\n### `{table}`\n")
    end = codebook.find("\n### ", start + 1)
    return codebook[start:end]


def test_every_column_of_every_table_has_a_row_with_its_type_and_meaning(codebook: str) -> None:
    for model in MODELS:
        section = _section(codebook, model.table)
        for name in column_names(model):
            description = model.model_fields[name].description
            assert description, f"{model.table}.{name} has no description"
            assert f"| `{name}` |" in section, f"{model.table}.{name} is missing"
            assert description in section


def test_every_vocabulary_value_is_listed_with_its_definition(codebook: str) -> None:
    vocabularies = {
        column_type(m, n)[0]
        for m in MODELS
        for n in column_names(m)
        if issubclass(column_type(m, n)[0], DescribedEnum)
    }
    assert len(vocabularies) >= 10
    vocab_part = codebook[codebook.index("\n## Vocabularies\n") :]
    for vocab in vocabularies:
        assert f"\n### {vocab.__name__}\n" in vocab_part
        for member in vocab:
            assert f"| `{member.value}` | {member.definition} |" in vocab_part


def _as_read(value: object) -> str:
    """A value as the codebook prints it: booleans in lower case, whole floats without '.0'."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def test_every_example_value_comes_from_the_data(codebook: str) -> None:
    row = re.compile(r"^\| `(?P<column>[a-z0-9_]+)` \|.*\| (?P<example>[^|]*) \|$")
    for model in MODELS:
        values = pq.read_table(ROOT / "data" / f"{model.table}.parquet").to_pydict()
        examples = [m for m in map(row.match, _section(codebook, model.table).splitlines()) if m]
        assert len(examples) == len(column_names(model))
        for match in examples:
            column, example = match["column"], match["example"]
            present = [_as_read(v) for v in values[column] if v is not None]
            if example == "*(null in every row)*":
                assert not present, f"{model.table}.{column} has values"
            else:
                shown = example.strip("`").removesuffix("…")
                assert any(v.startswith(shown) for v in present), f"{model.table}.{column}: {example}"


def test_the_coding_rules_come_from_their_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    (project / RULES).parent.mkdir(parents=True)
    rules = (ROOT / RULES).read_text(encoding="utf-8")
    for heading in re.findall(r"^## (.+)$", rules, re.M):
        assert f"\n### {heading}\n" in render_codebook(ROOT)
    (project / RULES).write_text(rules + "\n## A rule added in the file\n\nNothing else.\n", encoding="utf-8")
    assert "\n### A rule added in the file\n\nNothing else.\n" in render_codebook(project)


def test_the_diagram_draws_every_foreign_key_once() -> None:
    relations = [line for line in er_diagram().splitlines() if "--o{" in line]
    expected = [
        (ref.split(".")[0], m.table, column) for m in MODELS for column, ref in m.foreign_keys.items()
    ]
    assert len(relations) == len(expected)
    for parent, child, column in expected:
        assert any(line.split()[0] == parent and f'{child} : "{column}"' in line for line in relations)


def test_the_readme_sections_carry_the_current_diagram() -> None:
    text = README_SECTIONS.read_text(encoding="utf-8")
    assert "```mermaid\n" + er_diagram() + "```" in text, "re-paste er_diagram() into docs/README-sections.md"


def test_the_readme_quickstart_runs_in_pandas_polars_and_duckdb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README_SECTIONS.read_text(encoding="utf-8"), re.S)
    code = "\n".join(blocks)
    assert "md.load(" in code and "import polars" in code and "import duckdb" in code
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, str(README_SECTIONS), "exec"), {})

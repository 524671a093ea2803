"""`info` and `validate`: a true summary, a clean bill for sound data, readable problems otherwise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import ROOT

import moroccodigital as md
from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import catalogue
from moroccodigital.dataset.summary import info, validate


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the built data with the seeds beside it, as a checkout has them."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "data"


def test_info_gives_the_version_every_table_with_its_rows_and_the_sources() -> None:
    summary = info(ROOT / "data")
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert summary.version == descriptor["version"]
    assert [t.name for t in summary.tables] == [r["name"] for r in descriptor["resources"]]
    for table in summary.tables:
        assert table.rows == pq.read_table(ROOT / "data" / f"{table.name}.parquet").num_rows
    assert len(summary.sources) == pq.read_table(ROOT / "data" / "sources.parquet").num_rows
    text = str(summary)
    assert f"version {descriptor['version']}" in text and f"{len(summary.tables)} tables" in text
    assert "evidence" in text and "sources:" in text


def test_info_and_validate_default_to_the_installed_data() -> None:
    assert info().data == md.data_dir()
    assert validate().data == md.data_dir()


def test_the_committed_data_validates_with_every_check_run() -> None:
    report = validate(ROOT / "data")
    assert report.ok, str(report)
    assert not report.skipped
    assert any("evidence quote" in c for c in report.checked)
    assert any("record_id" in c for c in report.checked)
    assert "VALID: no problems found." in str(report)


def test_a_path_to_the_descriptor_means_its_folder(data: Path) -> None:
    assert validate(data / "datapackage.json").data == data


def test_a_truncated_file_is_reported_by_file_and_hash(data: Path) -> None:
    table = pq.read_table(data / "targets.parquet")
    pq.write_table(table.slice(0, 2), data / "targets.parquet")
    report = validate(data)
    assert not report.ok
    assert any(p.field == "hash" and "targets.parquet" in p.file for p in report.problems)
    text = str(report)
    assert "INVALID" in text and "targets.parquet" in text and "sha256" in text


def test_an_evidence_row_pointing_at_no_record_is_caught(data: Path) -> None:
    path = data / "evidence.parquet"
    table = pq.read_table(path)
    ids = table.column("record_id").to_pylist()
    old, ids[0] = ids[0], "no-such-record"
    index = table.schema.get_field_index("record_id")
    table = table.set_column(index, table.schema.field(index), pa.array(ids, pa.string()))
    pq.write_table(table, path)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        if res["name"] == "evidence":
            res["hash"] = f"sha256:{sha256_file(path)}"
    (data / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    csv = data / "csv" / "evidence.csv"  # the CSV copy says the same, so only the link is wrong
    header, first, rest = csv.read_text(encoding="utf-8").split("\n", 2)
    csv.write_text(
        "\n".join([header, first.replace(f',"{old}",', ',"no-such-record",', 1), rest]), encoding="utf-8"
    )
    csv_descriptor = json.loads((data / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    for res in csv_descriptor["resources"]:
        if res["name"] == "evidence":
            res["hash"], res["bytes"] = f"sha256:{sha256_file(csv)}", csv.stat().st_size
    (data / "csv" / "datapackage.json").write_text(
        json.dumps(csv_descriptor, ensure_ascii=False), encoding="utf-8"
    )
    catalogue.write_metadata(data)  # re-signed files: the catalogue follows them
    report = validate(data)
    assert [(p.field, p.message) for p in report.problems] == [
        ("record_id", f"'no-such-record' is not a row of {table.column('record_table')[0]}")
    ]


def test_a_changed_source_text_is_reported_and_its_quotes_not_trusted(data: Path) -> None:
    text = data.parent / "seeds" / "003_d3c2d790c9a48fca.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Onepoint", "OnePoint"), encoding="utf-8")
    report = validate(data)
    assert [p.field for p in report.problems] == ["sha256"]
    assert "003-onepoint-centre-of-excellence-protocol" in str(report)
    assert any("evidence quotes" in s for s in report.skipped)


def test_without_texts_the_report_says_what_it_could_not_check(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    report = validate(tmp_path / "data")
    assert report.ok
    assert any("no source texts beside the data" in s for s in report.skipped)
    assert "Not checked:" in str(report)
    assert validate(tmp_path / "data", texts=ROOT / "seeds").skipped == ()


def test_a_folder_that_does_not_exist_is_one_readable_problem(tmp_path: Path) -> None:
    report = validate(tmp_path / "nowhere")
    assert [p.message for p in report.problems] == ["no such folder"]
    assert "INVALID: 1 problem(s)" in str(report)


def test_info_and_validate_print_their_reports_and_exit_with_the_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from moroccodigital.cli import main

    assert main(["info", str(ROOT / "data")]) == 0
    assert "tables:" in capsys.readouterr().out
    assert main(["validate", str(ROOT / "data")]) == 0
    assert "VALID: no problems found." in capsys.readouterr().out
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "targets.parquet").write_bytes(b"truncated")
    assert main(["validate", str(tmp_path / "data")]) == 1
    assert "targets.parquet" in capsys.readouterr().out


def test_codebook_and_figures_commands_write_their_files(tmp_path: Path) -> None:
    from moroccodigital.cli import main

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "docs" / "codebook.md").unlink()
    assert main(["codebook", "--root", str(tmp_path)]) == 0
    expected = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert (tmp_path / "docs" / "codebook.md").read_text(encoding="utf-8") == expected
    assert main(["figures", "--out", str(tmp_path / "figs"), "--data", str(ROOT / "data")]) == 0
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == [
        "network.png",
        "targets.png",
        "timeline.png",
    ]


@pytest.mark.parametrize("name", ["croissant.json", "dcat.jsonld"])
def test_validate_catches_a_changed_catalogue_file(tmp_path: Path, name: str) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "data" / name
    path.write_text(
        path.read_text(encoding="utf-8").replace("moroccodigital", "tampered", 1), encoding="utf-8"
    )
    report = validate(tmp_path / "data")
    assert [(p.file, p.code) for p in report.problems] == [(name, "stale-generated")]

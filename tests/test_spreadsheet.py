"""The Excel workbook a spreadsheet user opens: every table, Arabic intact, typed cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers import ROOT

import moroccodigital as md
from moroccodigital.cli import main


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "moroccodigital.xlsx"
    assert main(["export", "--data", str(ROOT / "data"), "--xlsx", str(out)]) == 0
    return out


def test_workbook_has_a_columns_sheet_then_one_sheet_per_table(workbook: Path) -> None:
    assert openpyxl.load_workbook(workbook, read_only=True).sheetnames == ["columns", *md.table_names()]


def test_arabic_round_trips_through_pandas(workbook: Path) -> None:
    sheet = pd.read_excel(workbook, sheet_name="aliases", dtype=str, keep_default_na=False)
    assert sheet["alias_ar"].tolist() == md.load("aliases")["alias_ar"].astype(str).tolist()
    assert any("\u0600" <= char <= "\u06ff" for char in "".join(sheet["alias_ar"]))


def test_every_table_has_its_rows_and_columns(workbook: Path) -> None:
    sheets = pd.read_excel(workbook, sheet_name=None)
    for name in md.table_names():
        assert list(sheets[name].columns) == list(md.load(name).columns), name
        assert len(sheets[name]) == len(md.load(name)), name


def test_numbers_and_dates_are_typed_cells(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook, read_only=True)["targets"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {type(v) for v in values if v is not None} <= {int, float}
    assert any(v is not None for v in values)


def test_the_machine_csv_files_stay_without_a_byte_order_mark() -> None:
    for path in (ROOT / "data" / "csv").glob("*.csv"):
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), path


def test_refuses_to_replace_a_file_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "mine.xlsx"
    out.write_text("a colleague's file", encoding="utf-8")
    assert main(["export", "--data", str(ROOT / "data"), "--xlsx", str(out)]) != 0
    assert out.read_text(encoding="utf-8") == "a colleague's file"

"""One Excel workbook of every table, for spreadsheet users (the `spreadsheet` extra, openpyxl).

Excel opens a UTF-8 CSV without a byte-order mark as mojibake, so the CSV files in data/csv,
which are for machines and byte-identical across builds, are not what a spreadsheet user should
open.  The workbook holds one sheet per table, with typed cells (numbers, dates, true/false), and
a first sheet `columns` with every column's description.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from moroccodigital.dataset.loaders import Dataset
from moroccodigital.errors import require
from moroccodigital.safewrite import atomic_path, check_output

COLUMNS_SHEET = "columns"
"""The first sheet: table, column and description of every column."""


def _is_workbook(path: Path) -> bool:
    """A workbook this function wrote (its first sheet is `columns`): replaced without `force`."""
    openpyxl = require("openpyxl", "spreadsheet")
    try:
        return bool(openpyxl.load_workbook(path, read_only=True).sheetnames[:1] == [COLUMNS_SHEET])
    except Exception:  # any file openpyxl cannot read is not ours
        return False


def _cell(value: Any) -> Any:
    """A value as a spreadsheet cell: missing values empty, timestamps as dates."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date | int | float | str | bool):
        return value
    return str(value)


def export_xlsx(data: Path, out: Path, force: bool = False) -> Path:
    """Write every table of the data folder `data` to the workbook `out`; returns `out`."""
    openpyxl = require("openpyxl", "spreadsheet")
    dataset = Dataset(data)
    target = check_output(out, force=force, ours=_is_workbook)
    workbook = openpyxl.Workbook()
    described = workbook.active
    described.title = COLUMNS_SHEET
    described.append(["table", "column", "description"])
    for name in dataset.table_names():
        for column, description in dataset.columns(name).items():
            described.append([name, column, description])
        frame = dataset.load(name)
        sheet = workbook.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.astype(object).itertuples(index=False):
            sheet.append([_cell(value) for value in row])
        sheet.freeze_panes = "A2"
    with atomic_path(target) as temporary:
        workbook.save(temporary)
    return target

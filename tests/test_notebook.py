"""The quickstart notebook runs top to bottom in a real Jupyter kernel."""

from __future__ import annotations

import nbformat
from helpers import ROOT
from nbclient import NotebookClient


def test_the_quickstart_notebook_runs_without_a_cell_error() -> None:
    notebook = nbformat.read(ROOT / "examples" / "quickstart.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)

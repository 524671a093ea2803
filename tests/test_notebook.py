"""The quickstart notebook a researcher opens: it runs in a real kernel and shows stored outputs.

The outputs are committed (the data and the drawings are deterministic), so re-running the
notebook must give exactly them; execution counts and output metadata are not compared.
"""

from __future__ import annotations

import copy
from typing import Any

import nbformat
import pytest
from helpers import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def _outputs(notebook: Any) -> list[list[dict[str, Any]]]:
    """Each code cell's outputs without execution counts or metadata."""
    return [
        [{k: v for k, v in o.items() if k not in ("execution_count", "metadata")} for o in cell.outputs]
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


@pytest.fixture(scope="module")
def committed() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def rerun(committed: Any) -> Any:
    notebook = copy.deepcopy(committed)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return notebook


def test_the_notebook_names_the_extra_it_needs_at_the_top(committed: Any) -> None:
    assert "pip install 'moroccodigital[figures]'" in committed.cells[0].source


def test_every_code_cell_has_stored_outputs(committed: Any) -> None:
    assert all(_outputs(committed)), "run the notebook and commit it with its outputs"


def test_rerunning_the_notebook_gives_the_stored_outputs(committed: Any, rerun: Any) -> None:
    assert not [o for cell in _outputs(rerun) for o in cell if o["output_type"] == "error"]
    assert _outputs(rerun) == _outputs(committed)


def test_the_figures_are_those_of_moroccodigital_figures(committed: Any) -> None:
    images = [o for cell in _outputs(committed) for o in cell if "image/png" in o.get("data", {})]
    assert len(images) == 2
    assert "from moroccodigital.docsgen.figures import" in "".join(c.source for c in committed.cells)

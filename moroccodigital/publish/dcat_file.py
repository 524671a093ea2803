"""A DCAT file whose download URLs are real addresses, for a catalogue that harvests the data.

The committed data/dcat.jsonld names no address (see `dataset.dcat`); whoever serves the data
folder knows where it is, and passes its address here.
"""

from __future__ import annotations

from pathlib import Path

from moroccodigital.dataset.dcat import dcat, urls_under
from moroccodigital.dataset.metadata import coverage, dump_json, load_descriptors
from moroccodigital.safewrite import atomic_path, check_output


def _is_dcat(path: Path) -> bool:
    """A DCAT file this function wrote: the only kind it replaces without `force`."""
    try:
        return '"dcat:Dataset"' in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def export_dcat(data: Path, out: Path, base_url: str, force: bool = False) -> Path:
    """Write DCAT JSON-LD for the data folder `data` served at `base_url` to `out`; returns `out`."""
    descriptors = load_descriptors(data)
    document = dcat(descriptors, coverage(data), urls_under(base_url, descriptors), base_url=base_url)
    target = check_output(out, force=force, ours=_is_dcat)
    with atomic_path(target) as temporary:
        temporary.write_text(dump_json(document), encoding="utf-8")
    return target

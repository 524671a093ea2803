"""A DCAT file whose download URLs are real addresses, for a catalogue that harvests the data.

The committed data/dcat.jsonld names no address (see `dataset.dcat`); whoever serves the data
folder knows where it is and passes its address here (`export --dcat --base-url`), and a
publication that knows each file's own address on a portal passes those (`publish ckan`).
"""

from __future__ import annotations

from collections.abc import Mapping
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


def dcat_text(
    data: Path,
    downloads: Mapping[str, str],
    base_url: str | None = None,
    landing_page: str | None = None,
) -> str:
    """The DCAT JSON-LD of the data folder `data`, each file at its address in `downloads`.

    The text depends only on the data and the addresses, so that a publisher can tell by its
    sha256 whether the copy it published last is still the right one.
    """
    document = dcat(load_descriptors(data), coverage(data), downloads, base_url, landing_page)
    return dump_json(document)


def export_dcat(data: Path, out: Path, base_url: str, force: bool = False) -> Path:
    """Write DCAT JSON-LD for the data folder `data` served at `base_url` to `out`; returns `out`."""
    text = dcat_text(data, urls_under(base_url, load_descriptors(data)), base_url=base_url)
    target = check_output(out, force=force, ours=_is_dcat)
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return target

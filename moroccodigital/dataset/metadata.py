"""What every catalogue format reads from a built data folder: its descriptors and its coverage.

Harvesters, ML hubs and DOI archives each read their own format (`croissant`, `dcat`, `citation`);
every one of them is generated from `data/datapackage.json` (and its CSV twin), never written by
hand.  The generators are pure functions of the descriptors and of a `Coverage` read once from the
data, so a test can rebuild each file and compare.  Nothing here imports a publishing tool:
mlcroissant, rdflib and jsonschema are needed only to check the output (the `publish` extra).

Temporal coverage is the span from the earliest to the latest day that any event's stated or
corroborated bounds allow; events with no known date do not contribute (the span says when the
dated events happened, not that undated ones fall inside it).  Spatial coverage is the set of
ISO 3166-1 alpha-3 codes of the places table.  The languages are the sources' and English.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from moroccodigital.definitions.models import Event, Place, Source
from moroccodigital.paths import DESCRIPTORS

Descriptor = dict[str, Any]
Document = dict[str, Any]

CURATED_LANGUAGE = "en"
"""The language the curators write titles, summaries and glosses in, beside the sources' own."""


@dataclass(frozen=True)
class Coverage:
    """What the metadata says about when and where, read from the data (see the module docstring)."""

    start: date | None
    end: date | None
    countries: tuple[str, ...]
    languages: tuple[str, ...] = ()
    """ISO 639-1 codes: the sources' languages, and English (the curators' titles and glosses)."""


def coverage(data_dir: Path) -> Coverage:
    """Temporal and spatial coverage of a built data folder."""
    bounds = ("date_lower", "date_upper", "corroborated_lower", "corroborated_upper")
    events = pq.ParquetFile(data_dir / f"{Event.table}.parquet").read(columns=list(bounds))
    lowers = [d for name in bounds[0::2] for d in events[name].to_pylist() if d is not None]
    uppers = [d for name in bounds[1::2] for d in events[name].to_pylist() if d is not None]
    places = pq.ParquetFile(data_dir / f"{Place.table}.parquet").read(columns=["iso3166_alpha3"])
    countries = tuple(sorted(set(places["iso3166_alpha3"].to_pylist())))
    languages = set(
        pq.ParquetFile(data_dir / f"{Source.table}.parquet")
        .read(columns=["language"])["language"]
        .to_pylist()
    )
    return Coverage(
        min(lowers, default=None),
        max(uppers, default=None),
        countries,
        tuple(sorted(languages | {CURATED_LANGUAGE})),
    )


def load_descriptors(data_dir: Path) -> dict[str, Descriptor]:
    """The Parquet descriptor first, then its CSV twin, keyed by their path in the data folder."""
    return {name: json.loads((data_dir / name).read_text(encoding="utf-8")) for name in DESCRIPTORS}


def dump_json(document: Document) -> str:
    """The one serialisation of every JSON(-LD) file: sorted keys, UTF-8 text, trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def release_date(descriptor: Descriptor) -> date:
    """The release date: `created` in the descriptor, which the build takes from CHANGELOG.md."""
    return date.fromisoformat(descriptor["created"][:10])


def sha256_of(res: Mapping[str, Any]) -> str:
    """The hex SHA-256 of a resource; Data Package v2 writes it `sha256:<hex>`."""
    algorithm, _, digest = str(res.get("hash", "")).partition(":")
    if algorithm != "sha256" or not digest:
        raise ValueError(f"resource {res['name']}: hash {res.get('hash')!r} is not 'sha256:<hex>'")
    return digest


def creators(descriptor: Descriptor) -> list[Mapping[str, Any]]:
    """Contributors with the creator role, or every contributor where none has it."""
    contributors: list[Mapping[str, Any]] = descriptor.get("contributors", [])
    found = _with_role(contributors, "creator") or contributors
    if not found:
        raise ValueError("the descriptor names no contributors; citations need an author")
    return found


def publishers(descriptor: Descriptor) -> list[Mapping[str, Any]]:
    """Contributors with the publisher role; the creators publish where nobody has it."""
    return _with_role(descriptor.get("contributors", []), "publisher") or creators(descriptor)


def _with_role(contributors: Iterable[Mapping[str, Any]], role: str) -> list[Mapping[str, Any]]:
    return [c for c in contributors if role in c.get("roles", [])]

"""CITATION.cff (Citation File Format 1.2.0) and BibTeX, for citation tools and DOI archives.

The address is the descriptor's `homepage`, and only where it has one: until the dataset has a
home of its own, a citation names none rather than a page that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from moroccodigital.dataset.metadata import Descriptor, Document, creators, load_descriptors, release_date
from moroccodigital.paths import DESCRIPTORS


def write_citation(data_dir: Path, path: Path) -> Path:
    """Write CITATION.cff for the package in a built data folder."""
    path.write_text(citation_cff(load_descriptors(data_dir)[DESCRIPTORS[0]]), encoding="utf-8")
    return path


def citation_cff(descriptor: Descriptor) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the dataset.

    PyYAML quotes the release date, so YAML readers keep it the string the CFF schema requires.
    """
    licenses = [lic["name"] for lic in descriptor["licenses"]]
    cff: Document = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it using these metadata.",
        "type": "dataset",
        "title": descriptor["title"],
        "version": descriptor["version"],
        "date-released": release_date(descriptor).isoformat(),
        "abstract": descriptor["description"],
        "authors": [_cff_author(c) for c in creators(descriptor)],
        "keywords": descriptor["keywords"],
        "license": licenses[0] if len(licenses) == 1 else licenses,
    }
    if "homepage" in descriptor:
        cff["url"] = descriptor["homepage"]
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)


def _cff_author(contributor: Mapping[str, Any]) -> Document:
    if "givenName" in contributor or "familyName" in contributor:
        author: Document = {}
        if "familyName" in contributor:
            author["family-names"] = contributor["familyName"]
        if "givenName" in contributor:
            author["given-names"] = contributor["givenName"]
    else:
        author = {"name": contributor["title"]}
    if "email" in contributor:
        author["email"] = contributor["email"]
    if "path" in contributor:
        author["website"] = contributor["path"]
    return author


def bibtex(descriptor: Descriptor) -> str:
    """A BibTeX entry for the release; `@misc`, which every BibTeX style knows."""
    released = release_date(descriptor)
    authors = " and ".join(_bib_author(c) for c in creators(descriptor))
    fields = {
        "author": authors,
        "title": "{" + _bib_escape(descriptor["title"]) + "}",
        "year": str(released.year),
        "version": descriptor["version"],
        **({"url": descriptor["homepage"]} if "homepage" in descriptor else {}),
        "note": f"Dataset, version {descriptor['version']}, released {released.isoformat()}",
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@misc{{{descriptor['name']}-{descriptor['version']},\n{body}\n}}"


def _bib_author(contributor: Mapping[str, Any]) -> str:
    if "familyName" in contributor:
        given = contributor.get("givenName")
        return _bib_escape(f"{contributor['familyName']}, {given}" if given else contributor["familyName"])
    return "{" + _bib_escape(contributor["title"]) + "}"


def _bib_escape(text: str) -> str:
    for char in "\\{}&%$#_":
        text = text.replace(char, "\\" + char)
    return text

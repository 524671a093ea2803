"""DCAT (DCAT-AP style) JSON-LD, for catalogue harvesters: the dataset and every file of both descriptors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from moroccodigital.dataset.metadata import (
    Coverage,
    Descriptor,
    Document,
    creators,
    publishers,
    release_date,
    sha256_of,
)
from moroccodigital.paths import DESCRIPTORS

DCAT_CONTEXT: Document = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "title": {"@id": "dct:title", "@language": "en"},
    "description": {"@id": "dct:description", "@language": "en"},
    "keyword": {"@id": "dcat:keyword", "@language": "en"},
    "identifier": "dct:identifier",
    "version": "dcat:version",
    "issued": {"@id": "dct:issued", "@type": "xsd:date"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "license": {"@id": "dct:license", "@type": "@id"},
    "creator": "dct:creator",
    "publisher": "dct:publisher",
    "name": "foaf:name",
    "page": {"@id": "foaf:page", "@type": "@id"},
    "temporal": "dct:temporal",
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "dcat:endDate", "@type": "xsd:date"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"},
    "wasDerivedFrom": "prov:wasDerivedFrom",
    "distribution": "dcat:distribution",
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"},
    "byteSize": {"@id": "dcat:byteSize", "@type": "xsd:nonNegativeInteger"},
    "checksum": "spdx:checksum",
    "algorithm": {"@id": "spdx:algorithm", "@type": "@id"},
    "checksumValue": {"@id": "spdx:checksumValue", "@type": "xsd:hexBinary"},
}
"""Inline, so that the document parses without fetching anything; DCAT-AP property choices."""

IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
EU_COUNTRIES = "http://publications.europa.eu/resource/authority/country/"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"


def dcat(descriptors: Mapping[str, Descriptor], cover: Coverage) -> Document:
    """DCAT (DCAT-AP style) JSON-LD: the dataset, and a distribution for every file of every descriptor."""
    descriptor = descriptors[DESCRIPTORS[0]]
    licenses = [lic["path"] for lic in descriptor["licenses"] if "path" in lic]
    doc: Document = {
        "@context": DCAT_CONTEXT,
        "@id": f"{descriptor['homepage']}#dataset",
        "@type": "dcat:Dataset",
        "identifier": descriptor["name"],
        "title": descriptor["title"],
        "description": descriptor["description"],
        "version": descriptor["version"],
        "issued": release_date(descriptor).isoformat(),
        "keyword": descriptor["keywords"],
        "landingPage": descriptor["homepage"],
        "license": licenses,
        "creator": [_foaf_agent(c) for c in creators(descriptor)],
        "publisher": [_foaf_agent(c) for c in publishers(descriptor)],
        "wasDerivedFrom": [_foaf_document(s) for s in descriptor["sources"]],
        "distribution": [
            _distribution(_prefix(name) + res["path"], res, licenses)
            for name, package in descriptors.items()
            for res in package["resources"]
        ],
    }
    if cover.start and cover.end:
        doc["temporal"] = {
            "@type": "dct:PeriodOfTime",
            "startDate": cover.start.isoformat(),
            "endDate": cover.end.isoformat(),
        }
    if cover.countries:
        doc["spatial"] = [EU_COUNTRIES + code for code in cover.countries]
    return doc


def _prefix(descriptor_path: str) -> str:
    """The folder of a descriptor inside the data folder, where its relative resource paths start."""
    folder = descriptor_path.rpartition("/")[0]
    return f"{folder}/" if folder else ""


def _distribution(path: str, res: Mapping[str, Any], licenses: list[str]) -> Document:
    dist: Document = {
        "@id": path,
        "@type": "dcat:Distribution",
        "title": f"{res['title']} ({res['format']})",
        "description": res["description"],
        "accessURL": path,
        "downloadURL": path,
        "mediaType": IANA_MEDIA_TYPES + res["mediatype"],
        "license": licenses,
        "checksum": {"@type": "spdx:Checksum", "algorithm": SHA256, "checksumValue": sha256_of(res)},
    }
    if "bytes" in res:
        dist["byteSize"] = res["bytes"]
    return dist


def _foaf_agent(contributor: Mapping[str, Any]) -> Document:
    return {"@type": "foaf:Agent", "name": contributor["title"]}


def _foaf_document(source: Mapping[str, str]) -> Document:
    """A source article; its address is a page about it (an outlet's home page, at times), not its IRI."""
    document: Document = {"@type": "foaf:Document", "title": source["title"]}
    if "path" in source:
        document["page"] = source["path"]
    return document

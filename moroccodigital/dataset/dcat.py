"""DCAT (DCAT-AP style) JSON-LD, for catalogue harvesters: the dataset and every file of both descriptors.

A harvester resolves a relative address against wherever it found the document, which for a file
is `file:///...`: so a distribution carries an access and download URL only where one is known
and absolute.  Where the files are served is not known at build time (there is no release host
yet), so the committed data/dcat.jsonld describes each file (title, media type, size, sha256)
without an address; `moroccodigital export --dcat PATH --base-url URL` writes one whose URLs are
`URL` joined with each file's path in the data folder, and a publisher that knows each file's own
address (a portal's resource URLs, after `publish ckan` has uploaded the files) passes them as
`downloads`, one address per file: a common base is only the simple case of that mapping.  The
dataset is identified by its landing page when there is one (the package's homepage, else a page
the publisher names, such as the dataset's page on the portal), else by its download base, else
it is a blank node.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from moroccodigital.dataset.metadata import (
    Coverage,
    Descriptor,
    Document,
    creators,
    publishers,
    release_date,
    sha256_of,
)
from moroccodigital.errors import UsageError
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
    "language": {"@id": "dct:language", "@type": "@id"},
    "contactPoint": "dcat:contactPoint",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "fn": "vcard:fn",
    "hasEmail": {"@id": "vcard:hasEmail", "@type": "@id"},
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
EU_LANGUAGES = "http://publications.europa.eu/resource/authority/language/"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
EU_LANGUAGE_CODES = {"ar": "ARA", "en": "ENG", "fr": "FRA"}
"""ISO 639-1 (the sources table) to the ISO 639-2/B codes of the EU language authority DCAT-AP uses."""


class BadBaseURL(UsageError):
    """A download address that a harvester could not fetch as it stands."""

    code = "bad-base-url"


def absolute_url(url: str) -> str:
    """`url` itself if it is an absolute http(s) address with a host; else BadBaseURL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BadBaseURL(f"{url!r} is not an absolute http(s) address without query or fragment")
    return url


def data_paths(descriptors: Mapping[str, Descriptor]) -> list[str]:
    """Every file of every descriptor, by its path in the data folder (`events.parquet`, `csv/events.csv`)."""
    return [
        _prefix(name) + res["path"] for name, package in descriptors.items() for res in package["resources"]
    ]


def urls_under(base_url: str, descriptors: Mapping[str, Descriptor]) -> dict[str, str]:
    """The download address of every file when the data folder is served at `base_url`."""
    base = absolute_url(base_url).rstrip("/") + "/"
    return {path: base + path for path in data_paths(descriptors)}


def dcat(
    descriptors: Mapping[str, Descriptor],
    cover: Coverage,
    downloads: Mapping[str, str] | None = None,
    base_url: str | None = None,
    landing_page: str | None = None,
) -> Document:
    """DCAT JSON-LD: the dataset, and a distribution for every file of every descriptor.

    `downloads` maps a file's path in the data folder to its absolute address (a file missing from
    it has no address); `base_url` is the folder they sit under, when there is one;
    `landing_page` is a web page about the dataset, used when the package names no homepage.
    """
    descriptor = descriptors[DESCRIPTORS[0]]
    downloads = {path: absolute_url(url) for path, url in (downloads or {}).items()}
    licenses = [lic["path"] for lic in descriptor["licenses"] if "path" in lic]
    doc: Document = {
        "@context": DCAT_CONTEXT,
        "@type": "dcat:Dataset",
        "identifier": descriptor["name"],
        "title": descriptor["title"],
        "description": descriptor["description"],
        "version": descriptor["version"],
        "issued": release_date(descriptor).isoformat(),
        "keyword": descriptor["keywords"],
        "license": licenses,
        "language": [EU_LANGUAGES + EU_LANGUAGE_CODES[code] for code in cover.languages],
        "creator": [_foaf_agent(c) for c in creators(descriptor)],
        "publisher": [_foaf_agent(c) for c in publishers(descriptor)],
        "contactPoint": [_contact(c) for c in publishers(descriptor)],
        "wasDerivedFrom": [_foaf_document(s) for s in descriptor["sources"]],
        "distribution": [
            _distribution(_prefix(name) + res["path"], res, licenses, downloads)
            for name, package in descriptors.items()
            for res in package["resources"]
        ],
    }
    page = descriptor.get("homepage") or landing_page
    if page:
        doc["@id"] = f"{absolute_url(page)}#dataset"
        doc["landingPage"] = page
    elif base_url:
        doc["@id"] = f"{absolute_url(base_url).rstrip('/')}/#dataset"
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


def _distribution(
    path: str, res: Mapping[str, Any], licenses: list[str], downloads: Mapping[str, str]
) -> Document:
    dist: Document = {
        "@type": "dcat:Distribution",
        "identifier": path,
        "title": f"{res['title']} ({res['format']})",
        "description": res["description"],
        "mediaType": IANA_MEDIA_TYPES + res["mediatype"],
        "license": licenses,
        "checksum": {"@type": "spdx:Checksum", "algorithm": SHA256, "checksumValue": sha256_of(res)},
    }
    if path in downloads:
        dist["@id"] = dist["accessURL"] = dist["downloadURL"] = downloads[path]
    if "bytes" in res:
        dist["byteSize"] = res["bytes"]
    return dist


def _foaf_agent(contributor: Mapping[str, Any]) -> Document:
    return {"@type": "foaf:Agent", "name": contributor["title"]}


def _contact(contributor: Mapping[str, Any]) -> Document:
    """A vCard for whoever publishes the dataset; an email only where the curated metadata has one."""
    card: Document = {"@type": "vcard:Kind", "fn": contributor["title"]}
    if "email" in contributor:
        card["hasEmail"] = f"mailto:{contributor['email']}"
    return card


def _foaf_document(source: Mapping[str, str]) -> Document:
    """A source article; its address is a page about it (an outlet's home page, at times), not its IRI."""
    document: Document = {"@type": "foaf:Document", "title": source["title"]}
    if "path" in source:
        document["page"] = source["path"]
    return document

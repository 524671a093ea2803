"""Catalogue metadata from the Data Package: Croissant, DCAT (JSON-LD), CITATION.cff and BibTeX.

Harvesters, ML hubs and DOI archives each read their own format; every one of them is generated
here from `data/datapackage.json` (and its CSV twin), never written by hand.  The generators are
pure functions of the descriptors and of a `Coverage` read once from the data, so a test can
rebuild each file and compare.  Nothing here imports a publishing tool: mlcroissant, rdflib and
jsonschema are needed only to check the output (the `publish` extra).

Self-references.  Four columns point at their own table (actors.parent_id, places.parent_place_id,
events.part_of_event_id, initiatives.part_of_initiative_id).  Croissant 1.1 defines
`cr:references` as a link to a Field of *another* RecordSet, and mlcroissant 1.1.1 turns every
`cr:references` into a join in its operation graph: a self-reference is a cycle, which validates
but then breaks record loading for 14 of the 16 RecordSets, not only the self-referencing ones.
Pointing the reference at the file's column instead validates too, but makes mlcroissant join the
table with itself, which fails on a column that is entirely null (actors.parent_id today).  So a
self-referencing Field carries `dct:references` to the key Field of its own RecordSet: the link
stays in the metadata, as an IRI a JSON-LD reader can follow, and mlcroissant validates and loads
every RecordSet.  Links between tables use `cr:references`, in the `{"field": {"@id": ...}}` form
of the official 1.1 examples (mlcroissant 1.1.1 fails on a bare `{"@id": ...}`).

mlcroissant 1.1.1 joins only on the first `cr:references` of a RecordSet, and a join on a column
that is entirely null fails; with today's data every RecordSet loads, and the tests load each one.

Temporal coverage is the span from the earliest to the latest day that any event's stated or
corroborated bounds allow; events with no known date do not contribute (the span says when the
dated events happened, not that undated ones fall inside it).  Spatial coverage is the set of
ISO 3166-1 alpha-3 codes of the places table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

from moroccodigital.definitions.models import Event, Place
from moroccodigital.paths import CROISSANT, DCAT, DESCRIPTORS

Descriptor = dict[str, Any]
Document = dict[str, Any]

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
CROISSANT_PARQUET = "application/x-parquet"
"""The Parquet media type mlcroissant 1.1.1 reads; it does not know application/vnd.apache.parquet."""

CROISSANT_CONTEXT: Document = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "annotation": "cr:annotation",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes",
    "extract": "cr:extract",
    "field": "cr:field",
    "fileObject": "cr:fileObject",
    "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "readLines": "cr:readLines",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "unArchive": "cr:unArchive",
    "value": "cr:value",
}
"""The JSON-LD context of the Croissant 1.1 specification (Appendix 1, with the https schema.org
namespace that mlcroissant writes), plus PROV-O for provenance."""

CROISSANT_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}

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


@dataclass(frozen=True)
class Coverage:
    """What the metadata says about when and where, read from the data (see the module docstring)."""

    start: date | None
    end: date | None
    countries: tuple[str, ...]


def coverage(data_dir: Path) -> Coverage:
    """Temporal and spatial coverage of a built data folder."""
    bounds = ("date_lower", "date_upper", "corroborated_lower", "corroborated_upper")
    events = pq.ParquetFile(data_dir / f"{Event.table}.parquet").read(columns=list(bounds))
    lowers = [d for name in bounds[0::2] for d in events[name].to_pylist() if d is not None]
    uppers = [d for name in bounds[1::2] for d in events[name].to_pylist() if d is not None]
    places = pq.ParquetFile(data_dir / f"{Place.table}.parquet").read(columns=["iso3166_alpha3"])
    countries = tuple(sorted(set(places["iso3166_alpha3"].to_pylist())))
    return Coverage(min(lowers, default=None), max(uppers, default=None), countries)


def load_descriptors(data_dir: Path) -> dict[str, Descriptor]:
    """The Parquet descriptor first, then its CSV twin, keyed by their path in the data folder."""
    return {name: json.loads((data_dir / name).read_text(encoding="utf-8")) for name in DESCRIPTORS}


def write_metadata(data_dir: Path) -> list[Path]:
    """Write croissant.json and dcat.jsonld into a built data folder; returns their paths."""
    descriptors = load_descriptors(data_dir)
    cover = coverage(data_dir)
    documents = {
        CROISSANT: croissant(descriptors[DESCRIPTORS[0]], cover),
        DCAT: dcat(descriptors, cover),
    }
    paths = []
    for name, document in documents.items():
        path = data_dir / name
        path.write_text(dump_json(document), encoding="utf-8")
        paths.append(path)
    return paths


def write_citation(data_dir: Path, path: Path) -> Path:
    """Write CITATION.cff for the package in a built data folder."""
    path.write_text(citation_cff(load_descriptors(data_dir)[DESCRIPTORS[0]]), encoding="utf-8")
    return path


def dump_json(document: Document) -> str:
    """The one serialisation of every JSON(-LD) file: sorted keys, UTF-8 text, trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def croissant(descriptor: Descriptor, cover: Coverage) -> Document:
    """Croissant 1.1: a FileObject and a RecordSet per table, keys, references and provenance."""
    doc: Document = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_VERSION,
        "name": descriptor["title"],
        "alternateName": descriptor["name"],
        "description": descriptor["description"],
        "url": descriptor["homepage"],
        "version": descriptor["version"],
        "datePublished": release_date(descriptor).isoformat(),
        "keywords": descriptor["keywords"],
        "license": [_license_work(lic) for lic in descriptor["licenses"]],
        "creator": [_schema_agent(c) for c in _creators(descriptor)],
        "publisher": [_schema_agent(c) for c in _publishers(descriptor)],
        "citeAs": bibtex(descriptor),
        "prov:wasDerivedFrom": [_schema_source(s) for s in descriptor["sources"]],
        "distribution": [_file_object(res) for res in descriptor["resources"]],
        "recordSet": [_record_set(res) for res in descriptor["resources"]],
    }
    if cover.start and cover.end:
        doc["temporalCoverage"] = f"{cover.start.isoformat()}/{cover.end.isoformat()}"
    if cover.countries:
        doc["spatialCoverage"] = [_schema_country(code) for code in cover.countries]
    return doc


def _license_work(lic: Mapping[str, str]) -> Document:
    work: Document = {"@type": "sc:CreativeWork", "identifier": lic["name"]}
    if "title" in lic:
        work["name"] = lic["title"]
    if "path" in lic:
        work["url"] = lic["path"]
    return work


def _schema_agent(contributor: Mapping[str, Any]) -> Document:
    person = "givenName" in contributor or "familyName" in contributor
    agent: Document = {"@type": "sc:Person" if person else "sc:Organization", "name": contributor["title"]}
    for key in ("givenName", "familyName", "email"):
        if key in contributor:
            agent[key] = contributor[key]
    if "path" in contributor:
        agent["url"] = contributor["path"]
    return agent


def _schema_source(source: Mapping[str, str]) -> Document:
    entity: Document = {"@type": "prov:Entity", "name": source["title"]}
    if "path" in source:
        entity["url"] = source["path"]
    return entity


def _schema_country(code: str) -> Document:
    return {
        "@type": "sc:Country",
        "identifier": {"@type": "sc:PropertyValue", "propertyID": "ISO 3166-1 alpha-3", "value": code},
    }


def _file_object(res: Mapping[str, Any]) -> Document:
    if res["format"] != "parquet":
        raise ValueError(f"resource {res['name']}: Croissant is generated from the Parquet descriptor")
    return {
        "@type": "cr:FileObject",
        "@id": res["path"],
        "name": res["path"],
        "description": res["description"],
        "contentUrl": res["path"],
        "encodingFormat": CROISSANT_PARQUET,
        "sha256": sha256_of(res),
    }


def _record_set(res: Mapping[str, Any]) -> Document:
    table = res["name"]
    schema = res["schema"]
    references = {fk["fields"][0]: fk["reference"] for fk in schema.get("foreignKeys", [])}
    fields = []
    for spec in schema["fields"]:
        column = spec["name"]
        field: Document = {
            "@type": "cr:Field",
            "@id": f"{table}/{column}",
            "name": column,
            "description": spec["description"],
            "dataType": _croissant_type(table, spec),
            "source": {"fileObject": {"@id": res["path"]}, "extract": {"column": column}},
        }
        if column in references:
            target_table = references[column].get("resource", table)
            target = {"@id": f"{target_table}/{references[column]['fields'][0]}"}
            if target_table == table:
                field["dct:references"] = target
            else:
                field["references"] = {"field": target}
        fields.append(field)
    return {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "description": f"{res['title']}: {res['description']}",
        "key": [{"@id": f"{table}/{column}"} for column in schema["primaryKey"]],
        "field": fields,
    }


def _croissant_type(table: str, spec: Mapping[str, Any]) -> str:
    try:
        return CROISSANT_TYPES[spec["type"]]
    except KeyError:
        raise ValueError(f"{table}.{spec['name']}: no Croissant data type for {spec['type']!r}") from None


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
        "creator": [_foaf_agent(c) for c in _creators(descriptor)],
        "publisher": [_foaf_agent(c) for c in _publishers(descriptor)],
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
        "authors": [_cff_author(c) for c in _creators(descriptor)],
        "keywords": descriptor["keywords"],
        "license": licenses[0] if len(licenses) == 1 else licenses,
        "url": descriptor["homepage"],
    }
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
    authors = " and ".join(_bib_author(c) for c in _creators(descriptor))
    fields = {
        "author": authors,
        "title": "{" + _bib_escape(descriptor["title"]) + "}",
        "year": str(released.year),
        "version": descriptor["version"],
        "url": descriptor["homepage"],
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


def release_date(descriptor: Descriptor) -> date:
    """The release date: `created` in the descriptor, which the build takes from CHANGELOG.md."""
    return date.fromisoformat(descriptor["created"][:10])


def sha256_of(res: Mapping[str, Any]) -> str:
    """The hex SHA-256 of a resource; Data Package v2 writes it `sha256:<hex>`."""
    algorithm, _, digest = str(res.get("hash", "")).partition(":")
    if algorithm != "sha256" or not digest:
        raise ValueError(f"resource {res['name']}: hash {res.get('hash')!r} is not 'sha256:<hex>'")
    return digest


def _creators(descriptor: Descriptor) -> list[Mapping[str, Any]]:
    """Contributors with the creator role, or every contributor where none has it."""
    contributors: list[Mapping[str, Any]] = descriptor.get("contributors", [])
    creators = _with_role(contributors, "creator") or contributors
    if not creators:
        raise ValueError("the descriptor names no contributors; citations need an author")
    return creators


def _publishers(descriptor: Descriptor) -> list[Mapping[str, Any]]:
    """Contributors with the publisher role; the creators publish where nobody has it."""
    return _with_role(descriptor.get("contributors", []), "publisher") or _creators(descriptor)


def _with_role(contributors: Iterable[Mapping[str, Any]], role: str) -> list[Mapping[str, Any]]:
    return [c for c in contributors if role in c.get("roles", [])]

"""Croissant 1.1, for ML dataset tools: a FileObject and a RecordSet per table of the Parquet descriptor.

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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from moroccodigital.dataset.citation import bibtex
from moroccodigital.dataset.metadata import (
    Coverage,
    Descriptor,
    Document,
    creators,
    publishers,
    release_date,
    sha256_of,
)

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


def croissant(descriptor: Descriptor, cover: Coverage) -> Document:
    """Croissant 1.1: a FileObject and a RecordSet per table, keys, references and provenance."""
    doc: Document = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_VERSION,
        "name": descriptor["title"],
        "alternateName": descriptor["name"],
        "description": descriptor["description"],
        "version": descriptor["version"],
        "datePublished": release_date(descriptor).isoformat(),
        "keywords": descriptor["keywords"],
        "license": [_license_work(lic) for lic in descriptor["licenses"]],
        "creator": [_schema_agent(c) for c in creators(descriptor)],
        "publisher": [_schema_agent(c) for c in publishers(descriptor)],
        "citeAs": bibtex(descriptor),
        "prov:wasDerivedFrom": [_schema_source(s) for s in descriptor["sources"]],
        "distribution": [_file_object(res) for res in descriptor["resources"]],
        "recordSet": [_record_set(res) for res in descriptor["resources"]],
    }
    if "homepage" in descriptor:
        doc["url"] = descriptor["homepage"]
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

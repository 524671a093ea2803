"""Croissant, DCAT and CITATION.cff, each checked by its own tool on the real built data.

The CFF schema is vendored: tests/cff-schema-1.2.0.json is `cffconvert/schemas/1.2.0/schema.json`
from the cffconvert 2.0.0 wheel on PyPI (wheel sha256 573c825e4e16173d99396dc956bd22ff5d4f84215cc1
6b6ab05299124f5373bb; file sha256 0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b).
cffconvert itself pins jsonschema<4 and cannot be installed beside frictionless.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import mlcroissant as mlc
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import rdflib
import yaml
from helpers import ROOT

import moroccodigital as md
from moroccodigital import paths
from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import catalogue, citation, croissant, dcat, metadata
from moroccodigital.definitions.models import MODELS
from moroccodigital.paths import DESCRIPTORS

Package = dict[str, Any]
CFF_SCHEMA = Path(__file__).with_name("cff-schema-1.2.0.json")
BOUNDS = ("date_lower", "date_upper", "corroborated_lower", "corroborated_upper")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built data folder with freshly generated metadata in it."""
    folder = tmp_path_factory.mktemp("built") / "data"
    shutil.copytree(ROOT / "data", folder)
    catalogue.write_metadata(folder)
    return folder


@pytest.fixture(scope="module")
def descriptor(data: Path) -> Package:
    return metadata.load_descriptors(data)[DESCRIPTORS[0]]


def _plain(value: Any) -> Any:
    """A value as mlcroissant yields it, made comparable with pyarrow's to_pylist()."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, pd.Timestamp):
        return value.date()
    if value is None or pd.isna(value):
        return None
    return value


def test_croissant_validates_with_mlcroissant(data: Path) -> None:
    dataset = mlc.Dataset(jsonld=data / paths.CROISSANT)
    assert not dataset.metadata.ctx.issues.warnings


@pytest.mark.parametrize("table", [model.table for model in MODELS])
def test_every_record_set_loads_through_mlcroissant_as_in_parquet(data: Path, table: str) -> None:
    # A fresh Dataset per RecordSet: mlcroissant 1.1.1 keeps a consumed generator as the output of
    # an earlier RecordSet, and a later join on it fails.
    records = mlc.Dataset(jsonld=data / paths.CROISSANT).records(table)
    loaded = [{key.split("/", 1)[1]: _plain(value) for key, value in row.items()} for row in records]
    assert loaded == pq.ParquetFile(data / f"{table}.parquet").read().to_pylist()


def test_self_references_point_at_their_own_key_with_dct_references(data: Path, descriptor: Package) -> None:
    fields = _croissant_fields(data)
    expected = {
        f"{res['name']}/{fk['fields'][0]}": f"{res['name']}/{fk['reference']['fields'][0]}"
        for res in descriptor["resources"]
        for fk in res["schema"].get("foreignKeys", [])
        if "resource" not in fk["reference"]
    }
    assert len(expected) == 4
    assert {name: fields[name]["dct:references"]["@id"] for name in expected} == expected
    assert not any("references" in fields[name] for name in expected)


def test_references_between_tables_follow_the_foreign_keys(data: Path, descriptor: Package) -> None:
    fields = _croissant_fields(data)
    expected = {
        f"{res['name']}/{fk['fields'][0]}": f"{fk['reference']['resource']}/{fk['reference']['fields'][0]}"
        for res in descriptor["resources"]
        for fk in res["schema"].get("foreignKeys", [])
        if "resource" in fk["reference"]
    }
    declared = {name: f["references"]["field"]["@id"] for name, f in fields.items() if "references" in f}
    assert declared == expected


def test_record_set_keys_are_the_primary_keys(data: Path, descriptor: Package) -> None:
    document = json.loads((data / paths.CROISSANT).read_text(encoding="utf-8"))
    keys = {rs["@id"]: [key["@id"] for key in rs["key"]] for rs in document["recordSet"]}
    assert keys == {
        res["name"]: [f"{res['name']}/{column}" for column in res["schema"]["primaryKey"]]
        for res in descriptor["resources"]
    }


def test_file_objects_carry_the_sha256_of_their_file(data: Path) -> None:
    document = json.loads((data / paths.CROISSANT).read_text(encoding="utf-8"))
    hashes = {fo["contentUrl"]: fo["sha256"] for fo in document["distribution"]}
    assert len(hashes) == len(MODELS)
    assert hashes == {path: sha256_file(data / path) for path in hashes}


def test_croissant_provenance_names_every_source(data: Path, descriptor: Package) -> None:
    document = json.loads((data / paths.CROISSANT).read_text(encoding="utf-8"))
    names = [entity["name"] for entity in document["prov:wasDerivedFrom"]]
    assert len(names) == len(list((ROOT / "seeds").glob("*.txt")))
    assert names == [source["title"] for source in descriptor["sources"]]


def test_temporal_coverage_spans_stated_and_corroborated_bounds(tmp_path: Path) -> None:
    _write_events(
        tmp_path,
        date_lower=[date(2024, 1, 1), None, None],
        date_upper=[date(2024, 12, 31), None, None],
        corroborated_lower=[None, date(2023, 5, 1), None],
        corroborated_upper=[None, date(2023, 6, 2), None],
    )
    _write_places(tmp_path, ["MAR"])
    cover = metadata.coverage(tmp_path)
    assert (cover.start, cover.end) == (date(2023, 5, 1), date(2024, 12, 31))


def test_no_known_event_date_means_no_temporal_coverage(tmp_path: Path, descriptor: Package) -> None:
    _write_events(tmp_path, **{key: [None] for key in BOUNDS})
    _write_places(tmp_path, ["MAR"])
    cover = metadata.coverage(tmp_path)
    assert "temporalCoverage" not in croissant.croissant(descriptor, cover)
    assert "temporal" not in dcat.dcat({DESCRIPTORS[0]: descriptor}, cover)


def test_spatial_coverage_is_each_country_code_of_the_places_once(tmp_path: Path) -> None:
    _write_events(tmp_path, **{key: [None] for key in BOUNDS})
    _write_places(tmp_path, ["USA", "MAR", "ESH", "MAR"])
    assert metadata.coverage(tmp_path).countries == ("ESH", "MAR", "USA")


DCAT_NS = rdflib.Namespace("http://www.w3.org/ns/dcat#")
BASE = "https://data.example.org/moroccodigital/0.5.0/"


def _distributions(graph: rdflib.Graph) -> list[rdflib.term.Node]:
    (dataset,) = graph.subjects(rdflib.RDF.type, DCAT_NS.Dataset)
    return list(graph.objects(dataset, DCAT_NS.distribution))


def _addresses(graph: rdflib.Graph) -> list[str]:
    """Every access and download URL of every distribution, as a harvester reads them."""
    return [
        str(url)
        for dist in _distributions(graph)
        for prop in (DCAT_NS.accessURL, DCAT_NS.downloadURL)
        for url in graph.objects(dist, prop)
    ]


@pytest.fixture(scope="module")
def served_dcat(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The DCAT a user writes with `moroccodigital export --dcat PATH --base-url URL`."""
    from moroccodigital.cli import main

    out = tmp_path_factory.mktemp("dcat") / "dcat.jsonld"
    assert main(["export", "--data", str(data), "--dcat", str(out), "--base-url", BASE]) == 0
    return out


def test_exported_dcat_has_an_absolute_https_download_url_for_every_file(
    served_dcat: Path, data: Path
) -> None:
    spdx = rdflib.Namespace("http://spdx.org/rdf/terms#")
    graph = rdflib.Graph().parse(served_dcat, format="json-ld")
    found = {}
    for dist in _distributions(graph):
        checksum = graph.value(dist, spdx.checksum)
        found[str(graph.value(dist, DCAT_NS.downloadURL))] = (
            str(graph.value(dist, DCAT_NS.mediaType)),
            str(graph.value(checksum, spdx.checksumValue)),
        )
        assert graph.value(dist, DCAT_NS.accessURL) == graph.value(dist, DCAT_NS.downloadURL)
    expected = {}
    for name, package in metadata.load_descriptors(data).items():
        for res in package["resources"]:
            path = (data / name).parent / res["path"]
            url = BASE + path.relative_to(data).as_posix()
            expected[url] = (dcat.IANA_MEDIA_TYPES + res["mediatype"], sha256_file(path))
    assert len(expected) == 2 * len(MODELS)
    assert found == expected


@pytest.mark.parametrize("name", ["committed", "exported"])
def test_every_dcat_address_is_absolute_http(name: str, served_dcat: Path) -> None:
    file = ROOT / "data" / paths.DCAT if name == "committed" else served_dcat
    graph = rdflib.Graph().parse(file, format="json-ld")
    assert _distributions(graph)
    for url in _addresses(graph):
        assert url.startswith(("https://", "http://")), url
    for node in graph.all_nodes():
        assert not str(node).startswith("file:"), node


def test_committed_dcat_names_no_address_it_cannot_know() -> None:
    graph = rdflib.Graph().parse(ROOT / "data" / paths.DCAT, format="json-ld")
    assert _addresses(graph) == []
    assert len(_distributions(graph)) == 2 * len(MODELS)


def test_dcat_names_a_contact_point_and_the_languages_of_the_data(served_dcat: Path) -> None:
    vcard, dct = (
        rdflib.Namespace("http://www.w3.org/2006/vcard/ns#"),
        rdflib.Namespace("http://purl.org/dc/terms/"),
    )
    graph = rdflib.Graph().parse(served_dcat, format="json-ld")
    (dataset,) = graph.subjects(rdflib.RDF.type, DCAT_NS.Dataset)
    contact = graph.value(dataset, DCAT_NS.contactPoint)
    assert str(graph.value(contact, vcard.fn)) == "moroccodigital contributors"
    languages = {str(o).rsplit("/", 1)[1] for o in graph.objects(dataset, dct.language)}
    written = set(md.load("sources").language.astype(str))  # ar, fr: ISO 639-1 of the sources
    expected = {"ar": "ARA", "fr": "FRA"}
    assert languages == {expected[code] for code in written} | {"ENG"}  # English: the glosses


@pytest.mark.parametrize(
    "url", ["data/", "file:///srv/data/", "ftp://example.org/", "https://example.org/?x=1"]
)
def test_export_dcat_refuses_a_base_url_a_harvester_cannot_fetch(
    data: Path, tmp_path: Path, url: str
) -> None:
    from moroccodigital.cli import main

    out = tmp_path / "dcat.jsonld"
    assert main(["export", "--data", str(data), "--dcat", str(out), "--base-url", url]) == 2
    assert not out.exists()


def test_portal_addresses_given_per_file_become_the_download_urls(data: Path) -> None:
    descriptors = metadata.load_descriptors(data)
    portal = {
        path: f"https://portal.example.org/resource/{i}/download"
        for i, path in enumerate(dcat.data_paths(descriptors))
    }
    document = dcat.dcat(descriptors, metadata.coverage(data), portal)
    assert [d["downloadURL"] for d in document["distribution"]] == list(portal.values())


def test_a_landing_page_identifies_a_dataset_whose_package_names_no_homepage(data: Path) -> None:
    descriptors = metadata.load_descriptors(data)
    assert "homepage" not in descriptors[DESCRIPTORS[0]]
    page = "https://portal.example.org/dataset/moroccodigital"
    graph = rdflib.Graph().parse(
        data=json.dumps(dcat.dcat(descriptors, metadata.coverage(data), landing_page=page)), format="json-ld"
    )
    (dataset,) = graph.subjects(rdflib.RDF.type, DCAT_NS.Dataset)
    assert (str(dataset), str(graph.value(dataset, DCAT_NS.landingPage))) == (f"{page}#dataset", page)


PACKAGE_INDEXES = ("pypi.org", "pypi.python.org", "test.pypi.org")


@pytest.mark.parametrize(
    "file",
    [
        "CITATION.cff",
        "data/datapackage.json",
        "data/csv/datapackage.json",
        "data/croissant.json",
        "data/dcat.jsonld",
    ],
)
def test_no_metadata_file_names_a_package_index_page(file: str) -> None:
    text = (ROOT / file).read_text(encoding="utf-8")
    assert not [host for host in PACKAGE_INDEXES if host in text]


def test_readme_citation_names_no_package_index_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cite = readme[readme.index("## Citing") : readme.index("## Licence")]
    assert not [host for host in PACKAGE_INDEXES if host in cite]


def test_dcat_dataset_carries_licence_publisher_keywords_and_coverage(
    data: Path, descriptor: Package
) -> None:
    dcat_ns, dct = DCAT_NS, rdflib.Namespace("http://purl.org/dc/terms/")
    graph = rdflib.Graph().parse(data / paths.DCAT, format="json-ld")
    (dataset,) = graph.subjects(rdflib.RDF.type, dcat_ns.Dataset)
    assert {str(o) for o in graph.objects(dataset, dct.license)} == {
        "https://creativecommons.org/licenses/by/4.0/"
    }
    assert graph.value(graph.value(dataset, dct.publisher), rdflib.FOAF.name) is not None
    assert {str(k) for k in graph.objects(dataset, dcat_ns.keyword)} == set(descriptor["keywords"])
    period = graph.value(dataset, dct.temporal)
    assert graph.value(period, dcat_ns.startDate) is not None
    assert graph.value(period, dcat_ns.endDate) is not None
    spatial = {str(o).rsplit("/", 1)[1] for o in graph.objects(dataset, dct.spatial)}
    assert spatial == set(metadata.coverage(data).countries)


def test_citation_cff_is_valid_against_the_cff_1_2_0_schema(descriptor: Package) -> None:
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(citation.citation_cff(descriptor)))]
    assert errors == []


def test_committed_citation_cff_is_the_generated_one() -> None:
    descriptor = metadata.load_descriptors(ROOT / "data")[DESCRIPTORS[0]]
    assert (ROOT / paths.CITATION).read_text(encoding="utf-8") == citation.citation_cff(descriptor)


def test_committed_croissant_and_dcat_are_the_generated_ones(data: Path) -> None:
    for name in (paths.CROISSANT, paths.DCAT):
        assert (ROOT / "data" / name).read_text(encoding="utf-8") == (data / name).read_text(encoding="utf-8")


def test_writing_metadata_twice_gives_identical_bytes(data: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    catalogue.write_metadata(copy)
    for name in (paths.CROISSANT, paths.DCAT):
        assert (copy / name).read_bytes() == (data / name).read_bytes()


def test_bibtex_escapes_special_characters_and_keeps_braces_balanced(descriptor: Package) -> None:
    entry = citation.bibtex({**descriptor, "title": "R&D_data {100%} #1"})
    assert "title = {{R\\&D\\_data \\{100\\%\\} \\#1}}" in entry
    unescaped = entry.replace("\\{", "").replace("\\}", "")
    assert unescaped.count("{") == unescaped.count("}")


def test_generators_import_no_publishing_tool() -> None:
    code = (
        "import sys, moroccodigital.dataset.catalogue, moroccodigital.dataset.citation,"
        " moroccodigital.publish.export;"
        "print(sorted(m for m in ('mlcroissant', 'rdflib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _croissant_fields(data: Path) -> dict[str, dict[str, Any]]:
    document = json.loads((data / paths.CROISSANT).read_text(encoding="utf-8"))
    return {field["@id"]: field for rs in document["recordSet"] for field in rs["field"]}


def _write_events(folder: Path, **columns: Sequence[date | None]) -> None:
    table = pa.table({name: pa.array(values, pa.date32()) for name, values in columns.items()})
    pq.write_table(table, folder / "events.parquet")


def _write_places(folder: Path, codes: list[str]) -> None:
    pq.write_table(pa.table({"iso3166_alpha3": codes}), folder / "places.parquet")
    pq.write_table(pa.table({"language": ["ar"]}), folder / "sources.parquet")


def test_readme_cites_the_generated_bibtex() -> None:
    descriptor = metadata.load_descriptors(ROOT / "data")["datapackage.json"]
    assert citation.bibtex(descriptor) in (ROOT / "README.md").read_text(encoding="utf-8")

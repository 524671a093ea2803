"""The portal archive: what it holds, that it is reproducible, and where it refuses to write."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

from moroccodigital.dataset import catalogue, citation, metadata
from moroccodigital.paths import DESCRIPTORS
from moroccodigital.publish.export import ExportError, export_zip

TOP_FILES = ("README.md", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "NOTICE", "CITATION.cff")


@pytest.fixture
def exportable(tmp_path: Path) -> Path:
    """A built project: the real data, schemas, texts and licences, with current metadata."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "seeds").mkdir()
    for text in (ROOT / "seeds").glob("*.txt"):
        shutil.copyfile(text, root / "seeds" / text.name)
    for name in ("CHANGELOG.md", "LICENSE", "LICENSE-DATA", "NOTICE"):
        shutil.copyfile(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copyfile(ROOT / "README.md", root / "README.md")
    catalogue.write_metadata(root / "data")
    citation.write_citation(root / "data", root / "CITATION.cff")
    return root


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder / "moroccodigital.zip"


def _names(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as zf:
        return [name.split("/", 1)[1] for name in zf.namelist()]


def test_two_exports_of_one_build_are_byte_identical(exportable: Path, out: Path) -> None:
    first = export_zip(exportable, out.with_name("first.zip"))
    second = export_zip(exportable, out.with_name("second.zip"))
    assert first.read_bytes() == second.read_bytes()


def test_archive_holds_data_metadata_readme_changelog_and_licences(exportable: Path, out: Path) -> None:
    names = set(_names(export_zip(exportable, out)))
    descriptors = metadata.load_descriptors(exportable / "data")
    expected = set(TOP_FILES) | {f"data/{name}" for name in (*DESCRIPTORS, "croissant.json", "dcat.jsonld")}
    for name, package in descriptors.items():
        folder = str(Path("data", name).parent)
        expected |= {f"{folder}/{res['path']}" for res in package["resources"]}
    expected |= {f"schemas/{res['name']}.schema.json" for res in descriptors[DESCRIPTORS[0]]["resources"]}
    expected |= {path.relative_to(exportable).as_posix() for path in (exportable / "docs").rglob("*.*")}
    assert names == expected


def test_archive_holds_the_codebook_coding_rules_and_figures(exportable: Path, out: Path) -> None:
    names = set(_names(export_zip(exportable, out)))
    figures = {f"docs/figures/{name}.png" for name in ("timeline", "network", "targets")}
    assert {"docs/codebook.md", "docs/coding_rules.md", *figures} <= names


def test_every_relative_link_of_the_readme_inside_resolves_inside_the_archive(
    exportable: Path, out: Path
) -> None:
    with zipfile.ZipFile(export_zip(exportable, out)) as zf:
        names = {name.split("/", 1)[1] for name in zf.namelist()}
        readme = next(zf.read(n) for n in zf.namelist() if n.endswith("/README.md")).decode("utf-8")
    links = {target.split("#")[0] for target in re.findall(r"\]\(([^)\s]+)\)", readme)}
    relative = {link for link in links if link and "://" not in link and not link.startswith("mailto:")}
    assert {"docs/codebook.md", "docs/figures/timeline.png"} <= relative
    assert sorted(relative - names) == []


def test_members_are_the_project_files_byte_for_byte(exportable: Path, out: Path) -> None:
    with zipfile.ZipFile(export_zip(exportable, out)) as zf:
        for info in zf.infolist():
            assert zf.read(info) == (exportable / info.filename.split("/", 1)[1]).read_bytes(), info.filename


def test_article_texts_stay_out_but_evidence_quotes_stay_in(exportable: Path, out: Path) -> None:
    names = _names(export_zip(exportable, out))
    assert not [name for name in names if name.endswith(".txt")]
    assert {"data/evidence.parquet", "data/csv/evidence.csv"} <= set(names)


def test_with_texts_adds_every_article_text(exportable: Path, out: Path) -> None:
    names = _names(export_zip(exportable, out, with_texts=True))
    texts = sorted(f"seeds/{path.name}" for path in (exportable / "seeds").glob("*.txt"))
    assert len(texts) == len(list((ROOT / "seeds").glob("*.txt")))
    assert sorted(name for name in names if name.endswith(".txt")) == texts


def test_entries_are_sorted_dated_on_release_and_readable_by_all(exportable: Path, out: Path) -> None:
    released = metadata.release_date(metadata.load_descriptors(exportable / "data")[DESCRIPTORS[0]])
    with zipfile.ZipFile(export_zip(exportable, out)) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(released.year, released.month, released.day, 0, 0, 0)}
    assert {(i.create_system, i.external_attr >> 16) for i in infos} == {(3, stat.S_IFREG | 0o644)}


def test_every_entry_is_under_one_folder_named_for_the_release(exportable: Path, out: Path) -> None:
    descriptor = metadata.load_descriptors(exportable / "data")[DESCRIPTORS[0]]
    with zipfile.ZipFile(export_zip(exportable, out)) as zf:
        assert {name.split("/", 1)[0] for name in zf.namelist()} == {
            f"moroccodigital-{descriptor['version']}"
        }


def test_replaces_its_own_archive_without_force(exportable: Path, out: Path) -> None:
    export_zip(exportable, out)
    export_zip(exportable, out, with_texts=True)
    assert any(name.endswith(".txt") for name in _names(out))


def test_leaves_no_temporary_file_beside_the_archive(exportable: Path, out: Path) -> None:
    export_zip(exportable, out)
    assert list(out.parent.iterdir()) == [out]


def test_refuses_to_overwrite_a_file_it_did_not_create(exportable: Path, out: Path) -> None:
    out.write_text("someone else's work", encoding="utf-8")
    with pytest.raises(ExportError, match="use --force"):
        export_zip(exportable, out)
    assert out.read_text(encoding="utf-8") == "someone else's work"


def test_force_replaces_a_file_it_did_not_create(exportable: Path, out: Path) -> None:
    out.write_text("someone else's work", encoding="utf-8")
    export_zip(exportable, out, force=True)
    assert zipfile.is_zipfile(out)


def test_refuses_a_symlink_target_and_leaves_its_destination_alone(exportable: Path, out: Path) -> None:
    destination = out.parent.parent / "elsewhere.zip"
    destination.write_text("not yours", encoding="utf-8")
    out.symlink_to(destination)
    with pytest.raises(ExportError, match="symbolic link"):
        export_zip(exportable, out)
    assert destination.read_text(encoding="utf-8") == "not yours"


def test_force_replaces_a_symlink_target_itself_not_its_destination(exportable: Path, out: Path) -> None:
    destination = out.parent.parent / "elsewhere.zip"
    destination.write_text("not yours", encoding="utf-8")
    out.symlink_to(destination)
    export_zip(exportable, out, force=True)
    assert not out.is_symlink()
    assert destination.read_text(encoding="utf-8") == "not yours"


def test_refuses_a_folder_as_target(exportable: Path, out: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_zip(exportable, out.parent)


def test_refuses_to_write_over_a_file_it_archives_even_with_force(exportable: Path) -> None:
    notice = (exportable / "NOTICE").read_bytes()
    with pytest.raises(ExportError, match="one of the files to archive"):
        export_zip(exportable, exportable / "NOTICE", force=True)
    assert (exportable / "NOTICE").read_bytes() == notice


def test_refuses_a_descriptor_path_that_leaves_the_project(exportable: Path, out: Path) -> None:
    descriptor_path = exportable / "data" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "../../outside.parquet"
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    (exportable.parent / "outside.parquet").write_bytes(b"secret")
    with pytest.raises(ExportError) as caught:
        export_zip(exportable, out)
    assert [p.file for p in caught.value.problems] == ["data/../../outside.parquet"]
    assert not out.exists()


def test_refuses_a_member_that_is_a_symlink_out_of_the_project(exportable: Path, out: Path) -> None:
    outside = exportable.parent / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (exportable / "NOTICE").unlink()
    (exportable / "NOTICE").symlink_to(outside)
    with pytest.raises(ExportError, match="leads out of the project"):
        export_zip(exportable, out)
    assert not out.exists()


def test_refuses_a_data_file_that_differs_from_its_descriptor(exportable: Path, out: Path) -> None:
    with (exportable / "data" / "csv" / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    with pytest.raises(ExportError) as caught:
        export_zip(exportable, out)
    assert [(p.file, p.field) for p in caught.value.problems] == [("data/csv/actors.csv", "hash")]


def test_refuses_metadata_older_than_the_descriptor(exportable: Path, out: Path) -> None:
    (exportable / "data" / "croissant.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_zip(exportable, out)
    assert [p.file for p in caught.value.problems] == ["data/croissant.json"]


def test_refuses_an_article_text_that_changed(exportable: Path, out: Path) -> None:
    text = next((exportable / "seeds").glob("*.txt"))
    os.chmod(text, 0o644)
    with text.open("a", encoding="utf-8") as handle:
        handle.write(" ")
    with pytest.raises(ExportError) as caught:
        export_zip(exportable, out, with_texts=True)
    assert [p.file for p in caught.value.problems] == [f"seeds/{text.name}"]


def test_names_every_missing_file(exportable: Path, out: Path) -> None:
    (exportable / "README.md").unlink()
    (exportable / "CHANGELOG.md").unlink()
    with pytest.raises(ExportError) as caught:
        export_zip(exportable, out)
    assert [p.file for p in caught.value.problems] == ["CHANGELOG.md", "README.md"]


def test_cli_export_writes_the_archive(exportable: Path, out: Path) -> None:
    from moroccodigital.cli import main

    assert main(["export", "--root", str(exportable), "--zip", str(out)]) == 0
    assert out.exists()


def test_a_path_through_data_is_judged_where_it_points(exportable: Path) -> None:
    readme = (exportable / "README.md").read_bytes()
    with pytest.raises(ExportError, match="one of the files to archive"):
        export_zip(exportable, exportable / "data" / ".." / "README.md", force=True)
    assert (exportable / "README.md").read_bytes() == readme


def test_an_export_into_the_data_package_is_refused_even_with_force(exportable: Path) -> None:
    before = sorted(p.name for p in (exportable / "data").iterdir())
    with pytest.raises(ExportError, match="inside the data package"):
        export_zip(exportable, exportable / "data" / "moroccodigital.zip", force=True)
    assert sorted(p.name for p in (exportable / "data").iterdir()) == before

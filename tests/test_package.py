"""The committed package validates with frictionless, and the checks it lacks are our own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import ROOT, resign

from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import verify


def _frictionless(descriptor: Path) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).with_name("frictionless")
    return subprocess.run(
        [str(cli), "validate", str(descriptor)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("descriptor", ["data/datapackage.json", "data/csv/datapackage.json"])
def test_frictionless_validate_passes_on_the_committed_descriptor(descriptor: str) -> None:
    run = _frictionless(ROOT / descriptor)
    assert run.returncode == 0, run.stdout[-3000:]


def test_the_descriptor_declares_data_package_v2_and_the_one_version() -> None:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{package["version"]}"' in pyproject
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{package['version']}] - {package['created'][:10]}" in changelog
    assert package["created"].startswith("2026-12-02")


def test_the_csv_descriptor_calls_itself_the_csv_copy_in_both_titles() -> None:
    main = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    csv = json.loads((ROOT / "data" / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    assert csv["title"] == f"{main['title']} (CSV copy)"
    assert csv["title_ar"] == f"{main['title_ar']} (نسخة بصيغة CSV)"


def test_parquet_resources_carry_a_sha256_and_no_byte_count() -> None:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert "bytes" not in res
        assert res["hash"] == f"sha256:{sha256_file(ROOT / 'data' / res['path'])}"


def test_the_committed_package_passes_every_check_of_the_build() -> None:
    from moroccodigital.curation.annotations import read_curation

    texts = read_curation(ROOT / "seeds").texts
    assert verify.verify_package(ROOT / "data", texts) == []


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_a_tampered_parquet_file_is_caught_by_its_hash(data: Path) -> None:
    table = pq.read_table(data / "targets.parquet")
    pq.write_table(table.slice(0, 3), data / "targets.parquet")
    problems = verify.verify_package(data)
    assert any(p.field == "hash" and "targets.parquet" in p.file for p in problems)


def test_a_dangling_foreign_key_in_the_csv_copy_fails_frictionless(data: Path) -> None:
    csv = data / "csv" / "event_participants.csv"
    original = csv.read_text(encoding="utf-8")
    assert ',"ustda",' in original
    csv.write_text(original.replace(',"ustda",', ',"no-such-actor",', 1), encoding="utf-8")
    resign(data / "csv" / "datapackage.json", "event_participants", csv)
    run = _frictionless(data / "csv" / "datapackage.json")
    assert run.returncode != 0
    assert "foreign-key" in run.stdout


def test_a_parquet_file_with_the_wrong_physical_type_is_caught(data: Path) -> None:
    table = pq.read_table(data / "evidence.parquet")
    table = table.set_column(
        table.schema.get_field_index("start"), "start", table.column("start").cast(pa.int32())
    )
    pq.write_table(table, data / "evidence.parquet")
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "evidence":
            res["hash"] = f"sha256:{sha256_file(data / 'evidence.parquet')}"
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    problems = verify.verify_package(data)
    assert [p.field for p in problems] == ["schema"]


def test_an_evidence_quote_that_does_not_match_its_text_is_caught() -> None:
    from moroccodigital.curation.annotations import read_curation

    texts = read_curation(ROOT / "seeds").texts
    shifted = {sid: " " + text for sid, text in texts.items()}
    problems = verify.verify_package(ROOT / "data", shifted)
    assert problems and all(p.field == "quote" for p in problems)

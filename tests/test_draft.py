"""Drafting an annotation for a new article: content, safety, and the draft → review → build trip."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from moroccodigital.audit import audit
from moroccodigital.build import build
from moroccodigital.draft import draft
from moroccodigital.errors import BuildError
from moroccodigital.outputs import UnsafeOutput

ARTICLE = (
    "وقعت وزارة الانتقال الرقمي وإصلاح الإدارة، اليوم الثلاثاء بالرباط، اتفاقية مع شركة Onepoint "
    "تهدف إلى توظيف 200 مهندس مغربي في أفق 2030.\n"
    "وكانت الوزارة قد أطلقت برنامجا مماثلا سنة 2022.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "005_test.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def review(path: Path) -> None:
    """What a curator does to this draft, done mechanically: fill every TODO, mark it reviewed."""
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("status: draft", "status: reviewed"),
        ("source_id: TODO-005-test", "source_id: 005-test-article"),
        ("gloss: TODO", "gloss: test gloss"),
        ("target_id: TODO-target-1", "target_id: test-engineers-2030"),
        ("commitment_id: TODO-target-1", "commitment_id: test-engineers-2030"),
        ("kind: TODO", "kind: commitment"),
        ("indicator_en: TODO", "indicator_en: Engineers to hire"),
        ('reason: ""', "reason: context of the test article"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_draft_links_known_actors_and_resolves_amounts_and_deadlines(article: Path) -> None:
    doc = yaml.safe_load(draft(article).read_text(encoding="utf-8"))
    assert doc["status"] == "draft"
    refs = {m.get("actor") or m.get("place") for m in doc["mentions"]}
    assert refs >= {"ministry-digital-transition", "rabat", "onepoint"}
    (target,) = doc["targets"]
    assert (target["value"], target["unit"], target["comparator"]) == (200, "engineers", "equal")
    assert (target["deadline"]["text"]["quote"], target["deadline"]["edtf"]) == ("في أفق 2030", "2030")
    assert [w["quote"] for w in doc["waivers"]] == ["سنة 2022"]


def test_draft_is_written_beside_the_article_by_default(article: Path) -> None:
    assert draft(article) == article.with_suffix(".yaml")


def test_draft_refuses_to_overwrite_a_file_it_did_not_create(article: Path) -> None:
    article.with_suffix(".yaml").write_text("curated: true\n", encoding="utf-8")
    with pytest.raises(UnsafeOutput, match="--force"):
        draft(article)
    assert article.with_suffix(".yaml").read_text(encoding="utf-8") == "curated: true\n"


def test_force_overwrites(article: Path) -> None:
    article.with_suffix(".yaml").write_text("curated: true\n", encoding="utf-8")
    assert "status: draft" in draft(article, force=True).read_text(encoding="utf-8")


def test_draft_replaces_its_own_untouched_draft_but_not_an_edited_one(article: Path) -> None:
    path = draft(article)
    draft(article)
    path.write_text(path.read_text(encoding="utf-8") + "# a curator's note\n", encoding="utf-8")
    with pytest.raises(UnsafeOutput):
        draft(article)


def test_draft_refuses_a_symbolic_link(article: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    (tmp_path / "link.yaml").symlink_to(elsewhere)
    with pytest.raises(UnsafeOutput, match="symbolic link"):
        draft(article, tmp_path / "link.yaml", force=True)
    assert not elsewhere.exists()


def test_draft_never_writes_into_a_data_package(article: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "datapackage.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UnsafeOutput, match="data package"):
        draft(article, data)
    assert sorted(p.name for p in data.iterdir()) == ["datapackage.json"]


def test_draft_review_build_round_trip(project: Path) -> None:
    article = project / "seeds" / "005_test.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review(draft(article))
    source = next(s for s in audit(project).sources if s.source_id == "005-test-article")
    assert (source.coverage, source.gaps) == (100.0, [])
    build(project)
    targets = pq.read_table(project / "data" / "targets.parquet").to_pylist()
    built = next(t for t in targets if t["target_id"] == "test-engineers-2030")
    assert (built["value"], built["unit"], built["deadline_edtf"]) == (200, "engineers", "2030")


def test_a_draft_cannot_be_built_until_reviewed(project: Path) -> None:
    article = project / "seeds" / "005_test.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    draft(article)
    with pytest.raises(BuildError) as err:
        build(project)
    assert any(p.field == "status" for p in err.value.problems)

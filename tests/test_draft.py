"""Drafting an annotation for a new article: content, safety, and the draft → review → build trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moroccodigital.curation.yamlfiles import load_yaml
from moroccodigital.dataset.build import build
from moroccodigital.errors import BuildError
from moroccodigital.finder.audit import audit
from moroccodigital.finder.draft import draft, render
from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.safewrite import UnsafeOutput

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
        ("TODO-event-1", "test-signing"),
        ("TODO-agreement-1", "test-agreement"),
        ("agreement_type: TODO", "agreement_type: protocol"),
        ("title_en: TODO", "title_en: Test signing"),
        ("summary_en: TODO", "summary_en: The ministry signed an agreement with Onepoint."),
        ("purpose_en: TODO", "purpose_en: To hire engineers."),
        ("role: TODO", "role: party"),
        ("direction: TODO", "direction: source"),
        ("contexts: []  # TODO", "contexts: [technology]"),
        ("topics: []  # TODO", "topics: [skills_training]"),
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


def test_draft_never_writes_through_a_symbolic_link(article: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    (tmp_path / "link.yaml").symlink_to(elsewhere)
    with pytest.raises(UnsafeOutput, match="symbolic link"):
        draft(article, tmp_path / "link.yaml")
    draft(article, tmp_path / "link.yaml", force=True)
    assert not elsewhere.exists() and not (tmp_path / "link.yaml").is_symlink()


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


# -- every draft is valid YAML that says what the text says ----------------------------------------

FRENCH = (
    "Le Maroc, indiquent les signataires, a signé mardi 22 juillet 2025 à Rabat une convention de "
    "1,4 milliard de dirhams avec l'Agence de Développement du Digital : {quote: 1,4} # pas un commentaire.\n"
    "La ministre Amal El Fallah Seghrouchni a reçu l'ambassadeur Steve Lang.\n"
)


def quotes(node: object) -> list[str]:
    """Every `quote` value anywhere in a parsed draft."""
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "quote"] + [q for v in node.values() for q in quotes(v)]
    if isinstance(node, list):
        return [q for v in node for q in quotes(v)]
    return []


def drafted(tmp_path: Path, text: str, name: str = "fr.txt") -> tuple[dict[str, Any], str]:
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    path = draft(article, force=True, lexicon=LEXICON)
    return load_yaml(path), path.read_text(encoding="utf-8")


LEXICON = Lexicon(installed_entries())


def test_french_draft_says_french_and_parses_strictly(tmp_path: Path) -> None:
    doc, _ = drafted(tmp_path, FRENCH)
    assert doc["source"]["language"] == "fr"
    assert all(isinstance(q, str) and q in FRENCH for q in quotes(doc))


def test_french_draft_resolves_the_amount_and_links_latin_names(tmp_path: Path) -> None:
    doc, _ = drafted(tmp_path, FRENCH)
    (target,) = doc["targets"]
    assert (target["value"], target["currency"], target["expression"]["quote"]) == (
        1.4e9,
        "MAD",
        "1,4 milliard de dirhams",
    )
    refs = {m.get("actor") or m.get("place") for m in doc["mentions"]}
    assert {"digital-development-agency", "amal-el-fallah-seghrouchni", "rabat"} <= refs


def test_signing_sentence_gets_event_and_agreement_skeletons(tmp_path: Path) -> None:
    doc, _ = drafted(tmp_path, FRENCH)
    (event,) = [e for e in doc["events"] if e["event_type"] == "SUPPORT"]
    (agreement,) = doc["agreements"]
    assert event["date"]["edtf"] == "2025-07-22"
    assert agreement["event_id"] == event["event_id"]
    assert any(p["actor"] == "digital-development-agency" for p in agreement["parties"])


def test_a_visit_sentence_suggests_consult(tmp_path: Path) -> None:
    doc, _ = drafted(tmp_path, "وقام الوفد بزيارة إلى الرباط يوم الاثنين.\n", "ar.txt")
    (event,) = doc["events"]
    assert (event["event_type"], event["mode"]) == ("CONSULT", "visit")


def test_a_variant_link_is_flagged_for_the_curator(tmp_path: Path) -> None:
    _, written = drafted(tmp_path, "وأعلنت الوكالة المغربية للتنمية الرقمية عن منصة.\n", "ar.txt")
    (line,) = [line for line in written.splitlines() if "digital-development-agency" in line]
    assert "# a variant (another spelling or wording): check it names this record" in line


def test_french_draft_is_refused_by_the_build_only_for_its_status(project: Path) -> None:
    article = project / "seeds" / "006_fr.txt"
    article.write_text(FRENCH, encoding="utf-8")
    draft(article, lexicon=LEXICON)
    with pytest.raises(BuildError) as err:
        build(project)
    assert {p.field for p in err.value.problems if "006_fr" in p.file} == {"status"}


ADVERSARIAL = st.lists(
    st.sampled_from(
        [
            *"ab Zé1,4.:#{}[]&*!|>%@`'\"-?\t\n\r\x85\u2028\u2029\ufeff\x7f«»و",
            "مليار",
            " 2030",
            "درهم",
            "Le Maroc,",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ADVERSARIAL)
def test_drafts_of_adversarial_text_are_valid_yaml_quoting_the_text(tmp_path: Path, text: str) -> None:
    if not text.strip():
        text = "x " + text
    body = render("a.txt", "0" * 64, text, find(text, LEXICON))
    path = tmp_path / "a.yaml"
    path.write_text(body, encoding="utf-8")
    doc = load_yaml(path)
    assert doc["status"] == "draft"
    assert all(q in text for q in quotes(doc))

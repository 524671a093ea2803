"""The finder's held-out evaluation set: its labels are sound, and what the finder resolves stays resolved.

The set and its scorer live outside the package (tests/finder_eval, benchmarks/finder_eval.py);
`python benchmarks/finder_eval.py` prints the figures.  A label marked `required: true` is one the
finder resolved when it was marked; the test fails if a change to the finder loses it.
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import pycountry
import pytest
from edtf import parse_edtf
from helpers import ROOT

from moroccodigital.curation.yamlfiles import load_yaml
from moroccodigital.finder.extract import Candidate
from moroccodigital.finder.lexicon import Lexicon


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("finder_eval", ROOT / "benchmarks" / "finder_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["finder_eval"] = module
    spec.loader.exec_module(module)
    return module


fe = _load()
PASSAGES = fe.read_passages()
ITEMS: list[dict[str, Any]] = fe.raw_items()
VOCAB = fe.vocabularies()
ARTICLES = load_yaml(fe.EVAL / "articles.yaml")


# -- what the finder resolves stays resolved ------------------------------------------------------


@pytest.mark.parametrize(
    "passage", [p for p in PASSAGES if any(lb.required for lb in p.labels)], ids=lambda p: p.id
)
def test_required_labels_stay_resolved(passage: Any, lexicon: Lexicon) -> None:
    (result,) = fe.evaluate([passage], lexicon)
    assert fe.unresolved_required(result) == []


@pytest.mark.parametrize("article", [a for a in ARTICLES if a.get("required")], ids=lambda a: a["file"])
def test_the_draft_of_the_article_is_yaml_the_build_reads(article: dict[str, Any], lexicon: Lexicon) -> None:
    check = fe.check_article(fe.EVAL / "articles" / article["file"], lexicon)
    assert (check.yaml_ok, check.as_written, check.reviewed) == (True, [f" status: {fe.STATUS_PROBLEM}"], [])
    assert (check.audit, check.gaps) == ([], 0)


# -- the set is sound ---------------------------------------------------------------------------------


def test_the_set_is_large_enough_in_both_languages() -> None:
    by_lang = {lang: [p for p in PASSAGES if p.lang == lang] for lang in fe.LANGUAGES}
    assert len(PASSAGES) >= 120 and len(by_lang["fr"]) >= 40
    assert sum(len(p.labels) for p in PASSAGES) >= 350


def test_passages_have_unique_ids_a_language_of_their_file_and_an_origin() -> None:
    ids = [item["id"] for item in ITEMS]
    assert len(ids) == len(set(ids))
    for name in fe.LABEL_FILES:
        for item in load_yaml(fe.EVAL / name):
            assert item["lang"] == name.removesuffix(".yaml"), item["id"]
            assert item["origin"] == "constructed" or item["origin"].startswith(("http://", "https://"))
            assert set(item) <= {"id", "lang", "origin", "text", "expect", "accept"}, item["id"]
            assert all(set(a) <= {"text", "occurrence", "note"} for a in item.get("accept") or []), item["id"]


def test_passages_are_nfc_as_the_seeds_are() -> None:
    assert [item["id"] for item in ITEMS if not unicodedata.is_normalized("NFC", item["text"])] == []


def test_every_label_and_accepted_span_occurs_in_its_passage() -> None:
    for item in ITEMS:
        for spec in [*(item.get("expect") or []), *(item.get("accept") or [])]:
            fe.span_of(item["text"], spec["text"], spec.get("occurrence"))  # raises if not


def _problems_of_label(spec: dict[str, Any]) -> list[str]:
    """What is wrong with one label's keys, kind and controlled values (empty when sound)."""
    out = []
    kind = spec.get("kind")
    if not set(spec) <= fe.LABEL_KEYS:
        out.append(f"unknown keys {sorted(set(spec) - fe.LABEL_KEYS)}")
    if kind not in fe.LABEL_KINDS:
        out.append(f"unknown kind {kind!r}")
    for key in ("comparator", "precision", "unit"):
        if spec.get(key) is not None and spec[key] not in VOCAB[key]:
            out.append(f"{key} {spec[key]!r} is not in the schema's vocabulary")
    if spec.get("currency") is not None and (
        spec.get("unit") != "currency" or pycountry.currencies.get(alpha_3=spec["currency"]) is None
    ):
        out.append(f"currency {spec['currency']!r} is not an ISO 4217 code of a currency amount")
    if spec.get("ref") is not None and (
        kind not in {"actor", "place", "initiative"} or spec["ref"] not in VOCAB[kind]
    ):
        out.append(f"ref {spec['ref']!r} is no {kind} of the registries")
    if kind in {"actor", "initiative"} and spec.get("ref") is None:
        out.append("an actor or initiative outside the registries is a person, organisation or name")
    if kind == "amount" and not ({"value", "unit"} <= set(spec) and ("comparator" in spec or "note" in spec)):
        out.append("an amount states value and unit, and a comparator (or a note saying why none fits)")
    if kind == "amount" and (spec.get("value") is None) != (spec.get("comparator") == "unspecified"):
        out.append("a null value goes with comparator unspecified, and only with it")
    if kind == "amount" and (spec.get("unit") == "currency") != (spec.get("currency") is not None):
        out.append("unit currency goes with a currency, and only with it")
    if kind == "number" and not isinstance(spec.get("value"), (int, float)):
        out.append("a number states its value")
    if kind == "date" and not {"edtf", "precision"} <= set(spec):
        out.append("a date states edtf (null when none) and precision")
    if spec.get("edtf") is not None:
        edtf = spec["edtf"]
        try:
            parsed = str(parse_edtf(edtf)) if isinstance(edtf, str) else None
        except Exception:  # the edtf package raises its own parse errors
            parsed = None
        if parsed != edtf:
            out.append(f"edtf {edtf!r} is not a quoted EDTF string that parses")
    return out


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_labels_use_known_kinds_the_schemas_vocabularies_and_the_registries_ids(item: dict[str, Any]) -> None:
    problems = [
        f"{spec['text']!r}: {p}" for spec in item.get("expect") or [] for p in _problems_of_label(spec)
    ]
    assert problems == []


def test_articles_are_listed_nfc_and_named_as_seeds_are_but_never_collide_with_them() -> None:
    files = sorted(p.name for p in (fe.EVAL / "articles").glob("*"))
    assert files == sorted(a["file"] for a in ARTICLES)
    for name in files:
        number, _, digest = Path(name).stem.partition("_")
        assert int(number) >= 900 and len(digest) == 16 and int(digest, 16) >= 0
        text = (fe.EVAL / "articles" / name).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)


def test_the_package_never_reads_the_held_out_set() -> None:
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "moroccodigital").rglob("*.py")]
    assert not [s for s in sources if "finder_eval" in s]


# -- the scorer -----------------------------------------------------------------------------------------


def _passage(pid: str) -> Any:
    return next(p for p in PASSAGES if p.id == pid)


def _at(passage: Any, text: str, **data: Any) -> Candidate:
    start, end = fe.span_of(passage.text, text)
    return Candidate(start=start, end=end, text=text, **data)


def test_a_ref_linked_to_a_namesake_is_a_confusion_and_not_resolved() -> None:
    passage = _passage("ar-c08")
    start = passage.text.index("يوسف العمراني") + len("يوسف ")
    wrong = Candidate(
        start=start, end=start + len("العمراني"), text="العمراني", kind="actor", ref="sarah-lamrani"
    )
    result = fe.score(passage, [wrong], fe.persons())
    (label,) = [lr for lr in result.labels if lr.label.text == "يوسف العمراني"]
    assert (label.found, label.resolved) == (True, False)
    assert result.confusions == [
        "ar-c08: 'يوسف العمراني' is youssef-amrani, linked to sarah-lamrani ('العمراني')"
    ]


def test_an_amount_is_resolved_only_with_its_value_unit_currency_and_comparator() -> None:
    passage = _passage("ar-040")
    right = dict(kind="amount", value=595e6, unit="currency", currency="MAD", comparator="about")
    assert [
        lr.resolved for lr in fe.score(passage, [_at(passage, "بنحو 595 مليون درهم", **right)], {}).labels
    ] == [True]
    wrong = {**right, "comparator": "equal"}
    assert [
        lr.resolved for lr in fe.score(passage, [_at(passage, "595 مليون درهم", **wrong)], {}).labels
    ] == [False]


def test_a_prediction_that_no_label_or_accepted_span_covers_is_noise() -> None:
    passage = _passage("ar-016")
    accepted = _at(passage, "المملكة", kind="actor", ref="morocco")
    noise = _at(passage, "الطاقات المتجددة", kind="organisation")
    result = fe.score(passage, [accepted, noise], {})
    assert (result.matched, result.accepted, result.noise) == ([], [accepted], [noise])

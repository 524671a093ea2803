"""The figures: drawn from the real data, Arabic joined and right to left, undated events kept off
the time axis, and every PNG written and not blank."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
from helpers import ROOT, missing
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imread

from moroccodigital.definitions.enums import TargetKind
from moroccodigital.docsgen import figures, plotting
from moroccodigital.docsgen.network import actor_graph, network

DATA = ROOT / "data"


def _install_font() -> str:
    """An Arabic font: found, or installed from Debian when the tests run as root on a fresh machine."""
    try:
        return plotting.arabic_font()
    except plotting.ArabicFontNotFoundError as err:
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            missing(f"{err}; the figure tests need it (run `{plotting.FONT_INSTALL}` as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "fonts-noto-core"], check=True, env=env)
    return plotting.arabic_font()


@pytest.fixture(scope="module", autouse=True)
def font() -> str:
    return _install_font()


def _rows(table: str) -> list[dict[str, Any]]:
    return list(pq.read_table(DATA / f"{table}.parquet").to_pylist())


def _gids(artists: Any) -> dict[str, Any]:
    return {a.get_gid(): a for a in artists if a.get_gid()}


def _event(event_id: str, **dates: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_id": event_id,
        "title_en": event_id,
        "part_of_event_id": None,
        "date_text": None,
        "date_precision": "unknown",
        "date_lower": None,
        "date_upper": None,
        "corroborated_lower": None,
        "corroborated_upper": None,
    }
    return {**base, **dates}


def test_write_figures_writes_three_pngs_that_are_not_blank(tmp_path: Path) -> None:
    written = figures.write_figures(tmp_path / "figures", DATA)
    assert [p.name for p in written] == ["timeline.png", "network.png", "targets.png"]
    for path in written:
        pixels = imread(path)[..., :3]
        assert pixels.shape[0] > 600 and pixels.shape[1] > 1200, path.name
        inked = (pixels < 0.9).any(axis=-1).mean()
        assert 0.02 < inked < 0.6, f"{path.name}: {inked:.1%} of pixels carry ink"


def test_the_timeline_draws_every_range_over_exactly_its_days() -> None:
    events = _rows("events")
    bars = _gids(figures.timeline(events).axes.patches)
    expected = {}
    for e in events:
        if e["date_lower"] is not None:
            expected[f"{e['event_id']}:text"] = (e["date_lower"], e["date_upper"])
        if e["corroborated_lower"] is not None:
            expected[f"{e['event_id']}:corroborated"] = (e["corroborated_lower"], e["corroborated_upper"])
    assert set(bars) == set(expected)
    for gid, (lower, upper) in expected.items():
        assert bars[gid].get_x() == lower.toordinal(), gid
        assert bars[gid].get_width() == (upper - lower).days + 1, gid
    assert any(g.endswith(":corroborated") for g in bars) and any(g.endswith(":text") for g in bars)


def test_undated_events_are_listed_apart_and_never_on_the_time_axis() -> None:
    events = _rows("events")
    undated = {e["event_id"] for e in events if e["date_lower"] is None and e["corroborated_lower"] is None}
    assert undated, "the data has undated events; this test must see some"
    drawing = figures.timeline(events)
    assert drawing.aside is not None
    on_axis = {gid.split(":")[0] for gid in _gids(drawing.axes.patches)}
    assert not undated & on_axis
    titles_on_axis = {t.get_text().replace("\n", " ") for t in drawing.axes.get_yticklabels()}
    dated_titles = {e["title_en"] for e in events if e["event_id"] not in undated}
    for e in events:
        if e["event_id"] in undated and e["title_en"] not in dated_titles:
            assert e["title_en"] not in titles_on_axis
    listed = {gid.split(":")[0] for gid in _gids(drawing.aside.texts)}
    assert listed == undated


def test_a_date_without_a_year_is_not_placed_even_when_the_text_gives_days() -> None:
    no_year = _event("no-year", date_text="10-21 فبراير", date_precision="day_range")
    both = _event(
        "both",
        date_lower=date(2024, 1, 1),
        date_upper=date(2024, 12, 31),
        corroborated_lower=date(2024, 6, 3),
        corroborated_upper=date(2024, 6, 3),
    )
    drawing = figures.timeline([no_year, both])
    assert set(_gids(drawing.axes.patches)) == {"both:text", "both:corroborated"}
    assert drawing.aside is not None
    assert {gid.split(":")[0] for gid in _gids(drawing.aside.texts)} == {"no-year"}


def test_the_network_links_every_pair_of_actors_that_share_an_event_or_agreement() -> None:
    participants, parties = _rows("event_participants"), _rows("agreement_parties")
    graph = actor_graph(participants, parties)
    assert set(graph) == {r["actor_id"] for r in participants + parties}
    members: dict[tuple[str, str], set[str]] = {}
    for r in participants:
        members.setdefault(("event", r["event_id"]), set()).add(r["actor_id"])
    for r in parties:
        members.setdefault(("agreement", r["agreement_id"]), set()).add(r["actor_id"])
    pairs = {frozenset(p) for group in members.values() for p in itertools.combinations(group, 2)}
    assert {frozenset(e) for e in graph.edges} == pairs
    assert graph.has_edge("government-of-morocco", "mistral-ai")  # linked by an agreement only


def test_network_labels_are_the_arabic_names_and_colours_follow_countries(font: str) -> None:
    actors = _rows("actors")
    drawing = network(actors, _rows("event_participants"), _rows("agreement_parties"))
    labels, nodes = _gids(drawing.axes.texts), _gids(drawing.axes.collections)
    by_id = {a["actor_id"]: a for a in actors}
    drawn = {gid.split(":")[0] for gid in labels}
    assert drawn == {gid.split(":")[0] for gid in nodes}
    for actor_id in drawn:
        label = labels[f"{actor_id}:label"]
        assert label.get_fontfamily()[0] == font
        if plotting.native_shaping():  # else the text is in presentation forms; see the test below
            assert label.get_text().replace("\n", " ") == by_id[actor_id]["name_ar"]
    colour = {
        country: {
            tuple(nodes[f"{a}:node"].get_edgecolor()[0]) for a in drawn if by_id[a]["country"] == country
        }
        for country in {by_id[a]["country"] for a in drawn}
    }
    assert all(len(c) == 1 for c in colour.values()), "one colour per country"
    assert len({next(iter(c)) for c in colour.values()}) == len(colour), "a different colour for each"


def test_the_targets_chart_has_one_block_per_target_in_the_row_of_its_kind() -> None:
    targets = _rows("targets")
    blocks = _gids(figures.targets_by_kind(targets).axes.patches)
    assert set(blocks) == {f"{t['target_id']}:target" for t in targets}
    kinds = [k.value for k in TargetKind]
    for t in targets:
        block = blocks[f"{t['target_id']}:target"]
        assert block.get_y() + block.get_height() / 2 == pytest.approx(kinds.index(t["kind"]))


def _render(text: str, font: str) -> np.ndarray[Any, Any]:
    """Pixels of one text drawn exactly as given (no reshaping here)."""
    figure = Figure(figsize=(3, 1), dpi=100)
    figure.text(0.5, 0.5, text, fontsize=40, ha="center", va="center", fontfamily=[font])
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_arabic_is_drawn_right_to_left(font: str) -> None:
    # ا د ر never join, so the letters keep one shape whatever their order: "ادر" read right to
    # left must look like reh, dal, alef drawn left to right. The reference bypasses arabic():
    # matplotlib with libraqm is told the order with a left-to-right override, older ones draw
    # code points left to right anyway.
    override = ("\u202d", "\u202c") if plotting.native_shaping() else ("", "")
    drawn = _render(plotting.arabic("ادر"), font)
    assert np.array_equal(drawn, _render("ردا".join(override), font))
    assert not np.array_equal(drawn, _render("ادر".join(override), font))


def test_arabic_letters_are_joined(font: str) -> None:
    # A zero-width non-joiner between two beh keeps them apart: joined text must look different.
    joined = _render(plotting.arabic("ببب"), font)
    assert not np.array_equal(joined, _render(plotting.arabic("ب\u200cب\u200cب"), font))


def test_without_native_shaping_arabic_is_reshaped_and_reversed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plotting, "native_shaping", lambda: False)
    # isolated presentation forms of reh, dal and alef, in visual (left-to-right) order
    assert plotting.arabic("ادر") == "\ufead\ufea9\ufe8d"
    assert plotting.wrap_arabic("ادر ادر", 3) == "\ufead\ufea9\ufe8d\n\ufead\ufea9\ufe8d"


def test_a_missing_font_is_reported_with_the_command_that_installs_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(plotting.FONT_ENV, raising=False)
    monkeypatch.setattr(plotting, "ARABIC_FONTS", ("No Such Arabic Font",))
    with pytest.raises(plotting.ArabicFontNotFoundError, match="apt-get install fonts-noto-core"):
        plotting.arabic_font()


def test_the_network_layout_is_the_same_whatever_the_hash_seed() -> None:
    script = (
        "import hashlib, pyarrow.parquet as pq\n"
        "from moroccodigital.docsgen.network import network\n"
        f"rows = lambda t: pq.read_table('{DATA}/' + t + '.parquet').to_pylist()\n"
        "d = network(rows('actors'), rows('event_participants'), rows('agreement_parties'))\n"
        "dots = sorted((c.get_gid(), c.get_offsets().tolist()) for c in d.axes.collections)\n"
        "print(hashlib.sha256(repr(dots).encode()).hexdigest())\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1

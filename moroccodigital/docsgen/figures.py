"""Figures drawn from the data: a timeline of events, the actor network, targets by kind.

`moroccodigital figures` writes them as PNG files (into docs/figures/ for the README). They need
the `figures` extra and an Arabic font (see `moroccodigital.plotting`). Each drawing function
returns the figure with every drawn record tagged (`gid`), so a test checks what is on the time
axis, not only that a file appeared.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from moroccodigital import paths
from moroccodigital.definitions.enums import TargetKind, Unit
from moroccodigital.docsgen.network import network
from moroccodigital.docsgen.plotting import PALETTE, Drawing, Row, arabic, arabic_font, text_fonts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FIGURES = Path(paths.DOCS) / "figures"
"""Where `moroccodigital figures` writes by default, relative to the current folder."""
DPI = 150
TEXT_COLOUR, CORROBORATED_COLOUR = PALETTE[0], PALETTE[4]

Span = tuple[date, date]


def spans(event: Row) -> list[tuple[Span, bool]]:
    """The ranges of days an event may have happened on: from the text (False), from outside
    reporting (True, corroborated). Empty when neither gives both bounds: such an event is undated.
    """
    found = [
        ((event["date_lower"], event["date_upper"]), False),
        ((event["corroborated_lower"], event["corroborated_upper"]), True),
    ]
    return [(span, corroborated) for span, corroborated in found if None not in span]


def timeline(events: list[Row]) -> Drawing:
    """Events on a time axis as bars over every day their date could be; undated events apart.

    The x axis counts days (`date.toordinal()`); a bar runs from the first possible day to the
    end of the last. Ranges from outside reporting are hatched and labelled so. An event with no
    range is listed in a panel below and never given a position on the axis.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    font = arabic_font()
    by_id = {e["event_id"]: e for e in events}

    def order(e: Row) -> tuple[date, str, bool, str]:
        root = e["part_of_event_id"] if e["part_of_event_id"] in by_id else e["event_id"]
        return (min(s[0] for s, _ in spans(e)), root, e["event_id"] != root, e["event_id"])

    dated = sorted((e for e in events if spans(e)), key=order)
    undated = sorted((e for e in events if not spans(e)), key=lambda e: e["event_id"])
    figure = Figure(figsize=(13, 2.2 + 0.52 * len(dated) + 0.32 * len(undated)), layout="constrained")
    axes, aside = figure.subplots(2, 1, height_ratios=[max(len(dated), 1), 0.6 * len(undated) + 1])
    for y, e in enumerate(dated):
        drawn = spans(e)
        height = 0.62 / len(drawn)
        for i, ((lower, upper), corroborated) in enumerate(drawn):
            colour = CORROBORATED_COLOUR if corroborated else TEXT_COLOUR
            (bar,) = axes.barh(
                y + (i - (len(drawn) - 1) / 2) * height,
                upper.toordinal() + 1 - lower.toordinal(),
                left=lower.toordinal(),
                height=height,
                color=colour,
                alpha=0.45 if corroborated else 0.9,
                hatch="////" if corroborated else None,
                edgecolor=colour,
                linewidth=1.6,
            )
            bar.set_gid(f"{e['event_id']}:{'corroborated' if corroborated else 'text'}")
        end = max(upper.toordinal() + 1 for (_, upper), _ in drawn)
        written = arabic(e["date_text"]) if e["date_text"] else "(no date in the text)"
        axes.text(end + 25, y, written, va="center", fontsize=10, fontfamily=text_fonts(font))
    titles = [("↳ " if e["part_of_event_id"] in by_id else "") + e["title_en"] for e in dated]
    axes.set_yticks(range(len(dated)), [textwrap.fill(t, 62) for t in titles], fontsize=8.5)
    axes.invert_yaxis()
    _year_axis(axes, [day for e in dated for span, _ in spans(e) for day in span])
    axes.set_title(
        "Events by date: every bar spans all the days the date could be; "
        "Arabic labels give the date as written",
        loc="left",
        fontsize=11,
    )
    corroborated_patch = Patch(
        facecolor=CORROBORATED_COLOUR, edgecolor=CORROBORATED_COLOUR, alpha=0.45, hatch="////"
    )
    figure.legend(
        [Patch(color=TEXT_COLOUR, alpha=0.9), corroborated_patch],
        ["stated in the text", "corroborated, outside the text"],
        loc="outside upper right",
        ncols=2,
        fontsize=9,
        frameon=False,
    )
    _undated_panel(aside, undated, font)
    return Drawing(figure, axes, aside)


def _year_axis(axes: Axes, days: list[date]) -> None:
    """Years as major ticks, months as minor ones, with room on the right for the labels."""
    first, last = min(days), max(days)
    years = range(first.year, last.year + 3)
    axes.set_xticks([date(y, 1, 1).toordinal() for y in years], [str(y) for y in years])
    axes.set_xticks([date(y, m, 1).toordinal() for y in years for m in range(2, 13)], minor=True)
    axes.set_xlim(first.toordinal() - 90, last.toordinal() + 420)
    axes.grid(axis="x", which="major", color="#cccccc")
    axes.set_axisbelow(True)


def _undated_panel(aside: Axes, undated: list[Row], font: str) -> None:
    """The events with no range at all, as a table: they have no position on any time axis."""
    aside.axis("off")
    aside.set_title(
        f"Undated ({len(undated)}): no year in the text and none from outside reporting, "
        "so not on the time axis",
        loc="left",
        fontsize=11,
    )
    step = 1 / (len(undated) + 1)
    columns = ((0, "left", "event"), (0.66, "left", "date precision"), (1, "right", "date as written"))
    for x, align, header in columns:
        aside.text(
            x,
            1 - step / 2,
            header,
            fontsize=8,
            color="#777777",
            ha=align,
            va="center",
            transform=aside.transAxes,
        )
    for i, e in enumerate(undated, start=1):
        written = arabic(e["date_text"]) if e["date_text"] else "—"
        cells = ((e["title_en"], None), (e["date_precision"], None), (written, text_fonts(font)))
        for (x, align, _), (cell, fonts) in zip(columns, cells, strict=True):
            text = aside.text(
                x, 1 - (i + 0.5) * step, cell, fontsize=9, ha=align, va="center", transform=aside.transAxes
            )
            text.set_gid(f"{e['event_id']}:undated")
            if fonts:
                text.set_fontfamily(fonts)


def targets_by_kind(targets: list[Row]) -> Drawing:
    """Targets counted by kind: each block is one target, labelled with its amount as written."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    font = arabic_font()
    kinds = list(TargetKind)
    units = [u for u in Unit if any(t["unit"] == u.value for t in targets)]
    colours = {u.value: PALETTE[i % len(PALETTE)] for i, u in enumerate(units)}
    figure = Figure(figsize=(12, 1.2 + 0.9 * len(kinds)), layout="constrained")
    axes = figure.subplots()
    for y, kind in enumerate(kinds):
        rows = sorted((t for t in targets if t["kind"] == kind.value), key=lambda t: t["target_id"])
        for x, t in enumerate(rows):
            (block,) = axes.barh(
                y, 1, left=x, height=0.7, color=colours[t["unit"]], alpha=0.85, edgecolor="white", linewidth=2
            )
            block.set_gid(f"{t['target_id']}:target")
            axes.text(
                x + 0.5,
                y - 0.12,
                arabic(t["value_text"]),
                ha="center",
                va="center",
                color="white",
                fontsize=10,
                fontfamily=text_fonts(font),
            )
            indicator = textwrap.fill(t["indicator_en"], 52)
            axes.text(x + 0.5, y + 0.17, indicator, ha="center", va="center", color="white", fontsize=7)
    axes.set_yticks(range(len(kinds)), [k.value.replace("_", " ") for k in kinds])
    axes.invert_yaxis()
    axes.set_xlabel("number of targets")
    most = max((sum(t["kind"] == k.value for t in targets) for k in kinds), default=0)
    axes.set_xlim(0, max(3, most))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(
        "Targets by kind: each block is one target, with the amount as the text writes it", loc="left"
    )
    figure.legend(
        handles=[Patch(color=colours[u.value], alpha=0.85, label=u.value.replace("_", " ")) for u in units],
        title="unit",
        loc="outside right upper",
        fontsize=9,
    )
    return Drawing(figure, axes)


def write_figures(out: Path = FIGURES, data: Path | None = None) -> list[Path]:
    """Draw every figure from a data folder (the installed copy by default) into PNG files."""
    from moroccodigital.dataset.loaders import Dataset, installed

    dataset = Dataset(data) if data is not None else installed()

    def rows(table: str) -> list[Row]:
        return list(dataset.arrow(table).to_pylist())

    drawings = {
        "timeline.png": timeline(rows("events")),
        "network.png": network(rows("actors"), rows("event_participants"), rows("agreement_parties")),
        "targets.png": targets_by_kind(rows("targets")),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, drawing in drawings.items():
        drawing.figure.savefig(out / name, dpi=DPI, metadata={"Software": None})
    return [out / name for name in drawings]

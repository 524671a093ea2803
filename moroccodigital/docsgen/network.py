"""The actor network: actors linked when they take part in the same event or agreement.

Needs the `figures` extra (networkx, scipy for its Kamada-Kawai layout, matplotlib).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from moroccodigital.docsgen.plotting import PALETTE, Drawing, Row, arabic_font, text_fonts, wrap_arabic

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

NO_COUNTRY = "no country stated"
SHAPES = {"person": "o", "country": "D", "group": "h"}
"""Marker per actor kind; every other kind is an organisation, drawn as a square."""
LABEL_BOX = (1.15, 0.7)
"""Width and height, in layout units, that a node and its wrapped label need to be read."""


def memberships(participants: list[Row], parties: list[Row]) -> dict[str, set[str]]:
    """The actors of each event ('event:<id>') and of each agreement ('agreement:<id>')."""
    groups: dict[str, set[str]] = {}
    for row in participants:
        groups.setdefault(f"event:{row['event_id']}", set()).add(row["actor_id"])
    for row in parties:
        groups.setdefault(f"agreement:{row['agreement_id']}", set()).add(row["actor_id"])
    return groups


def actor_graph(participants: list[Row], parties: list[Row]) -> nx.Graph:
    """Actors as nodes, an edge wherever two share an event or agreement; `shared` names them."""
    import networkx as nx

    graph = nx.Graph()
    for record, members in sorted(memberships(participants, parties).items()):
        ordered = sorted(members)
        graph.add_nodes_from(ordered)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared = graph.get_edge_data(a, b, default={"shared": ()})["shared"]
                graph.add_edge(a, b, shared=(*shared, record))
    return graph


def _layout(participants: list[Row], parties: list[Row]) -> dict[str, tuple[float, float]]:
    """Positions from the actor-event graph, so each event's actors spread around it.

    Each connected part is laid out on its own and set beside the others; laid out together,
    a small part would be flung to a corner and squeeze the rest.
    """
    import networkx as nx

    incidence = nx.Graph()
    for record, members in sorted(memberships(participants, parties).items()):
        incidence.add_edges_from((record, m) for m in sorted(members))
    positions: dict[str, tuple[float, float]] = {}
    left = 0.0
    for part in sorted(nx.connected_components(incidence), key=lambda c: (-len(c), min(c))):
        # A fresh graph in sorted order: a subgraph view iterates its nodes in set order, which
        # changes with Python's hash seed and would move the layout from run to run.
        sub = nx.Graph()
        sub.add_nodes_from(sorted(part))
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in incidence.subgraph(part).edges))
        layout = nx.kamada_kawai_layout(sub, scale=math.sqrt(len(part)) / 2)
        xs = [float(x) for x, _ in layout.values()]
        for node, (x, y) in layout.items():
            positions[node] = (left + float(x) - min(xs), float(y))
        left += max(xs) - min(xs) + 1.2
    return _spread(positions, *LABEL_BOX)


def _spread(
    positions: dict[str, tuple[float, float]], width: float, height: float
) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose labels would overlap (an ellipse of width x height around each).

    Actors that share exactly the same events land on one spot in any layout; this moves them
    just far enough apart to be read, in a fixed order, so the figure is the same every run.
    """
    nodes = sorted(positions)
    xy = {n: list(positions[n]) for n in nodes}
    for _ in range(300):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx, dy = xy[b][0] - xy[a][0], xy[b][1] - xy[a][1]
                overlap = 1 - math.hypot(dx / width, dy / height)
                if overlap <= 0:
                    continue
                length = math.hypot(dx, dy)
                ux, uy = (dx / length, dy / length) if length else (1.0, 0.0)
                step = overlap * min(width, height) / 2
                xy[a][0], xy[a][1] = xy[a][0] - step * ux, xy[a][1] - step * uy
                xy[b][0], xy[b][1] = xy[b][0] + step * ux, xy[b][1] + step * uy
                moved = True
        if not moved:
            break
    return {n: (x, y) for n, (x, y) in xy.items()}


def network(actors: list[Row], participants: list[Row], parties: list[Row]) -> Drawing:
    """The actor network: colour is the actor's country, shape its kind, the label its Arabic name."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    font = arabic_font()
    graph = actor_graph(participants, parties)
    info = {a["actor_id"]: a for a in actors}
    countries = sorted({info[n]["country"] or NO_COUNTRY for n in graph}, key=lambda c: (c == NO_COUNTRY, c))
    palette = {
        c: "#999999" if c == NO_COUNTRY else PALETTE[i % len(PALETTE)] for i, c in enumerate(countries)
    }
    layout = _layout(participants, parties)
    figure = Figure(figsize=(15, 12), layout="constrained")
    axes = figure.subplots()
    for u, v, shared in sorted(graph.edges(data="shared")):
        xs, ys = zip(layout[u], layout[v], strict=True)
        axes.plot(xs, ys, color="#bbbbbb", linewidth=0.4 + 0.8 * len(shared), zorder=1)
    for node in sorted(graph):
        actor, (x, y) = info[node], layout[node]
        colour = palette[actor["country"] or NO_COUNTRY]
        dot = axes.scatter(
            [x],
            [y],
            s=70 + 25 * graph.degree(node),
            marker=SHAPES.get(actor["kind"], "s"),
            facecolors=colour if actor["named"] else "white",
            edgecolors=colour,
            linewidths=1.8,
            zorder=2,
        )
        dot.set_gid(f"{node}:node")
        label = axes.text(
            x,
            y - 0.12,
            wrap_arabic(actor["name_ar"], 24),
            ha="center",
            va="top",
            fontsize=8.5,
            fontfamily=text_fonts(font),
            linespacing=0.95,
            zorder=3,
            bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 0.6},
        )
        label.set_gid(f"{node}:label")
    axes.axis("off")
    left_out = len(info.keys() - set(graph))
    axes.set_title(
        "Actors linked by shared events and agreements (line width: how many they share); "
        f"{left_out} actors in no event or agreement are not drawn",
        loc="left",
        fontsize=12,
    )
    handles = [Line2D([], [], marker="o", ls="", color=palette[c], label=c, markersize=9) for c in countries]
    handles += [
        Line2D([], [], marker=m, ls="", color="#444444", label=k, markersize=8)
        for k, m in [*SHAPES.items(), ("organisation", "s")]
    ]
    handles.append(
        Line2D([], [], marker="o", ls="", color="#444444", fillstyle="none", label="hollow: unnamed")
    )
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=9, frameon=False)
    return Drawing(figure, axes)

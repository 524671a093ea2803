"""How long the explorer takes to answer its pages: record pages with their linked rows, table pages.

    python benchmarks/explore_pages.py [--runs 30]

Each page is asked for through Datasette's own client (the whole ASGI app, plugin hooks and
templates, no network) after one warm-up request; the figure is the median per request.  The
row's JSON, which runs none of the record page's extra queries, is the floor to compare with.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from moroccodigital.explore.app import DATABASE, export_sqlite, make_datasette

PAGES = (
    ("event record, JSON (floor)", "events/onepoint-centre-protocol-signing.json"),
    ("event record page", "events/onepoint-centre-protocol-signing"),
    ("agreement record page", "agreements/onepoint-centre-of-excellence-protocol"),
    ("actor record page", "actors/onepoint"),
    ("source record page", "sources/004-international-cooperation-analysis"),
    ("events table page", "events"),
    ("evidence table page", "evidence"),
)


async def _median_ms(client: object, path: str, runs: int) -> float:
    get = client.get  # type: ignore[attr-defined]
    answer = await get(path)
    assert answer.status_code == 200, f"{path}: {answer.status_code}"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        await get(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        datasette = make_datasette(export_sqlite(Path(folder) / f"{DATABASE}.db"))
        asyncio.run(datasette.invoke_startup())
        print(f"median of {runs} requests each, through Datasette's client")
        for label, path in PAGES:
            median = asyncio.run(_median_ms(datasette.client, f"/{DATABASE}/{path}", runs))
            print(f"{label:<28} {median:7.1f} ms")


if __name__ == "__main__":
    main()

"""Loader speed and wheel size: medians over repeated cold processes, compared in one run.

    python benchmarks/load_time.py [--runs 15]

Goals (issue 4): `import moroccodigital` <= 0.15 s; loading the events table, and all tables,
<= 1.10 x the floor `import pandas; pandas.read_parquet(<same file>)`; wheel <= 1 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import moroccodigital as md

ROOT = Path(__file__).resolve().parents[1]


def _median_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _wheel_size() -> int:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, str(ROOT)],
            check=True,
            capture_output=True,
        )
        return next(Path(out).glob("*.whl")).stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    events = md.path("events")
    paths = [str(md.path(name)) for name in md.table_names()]
    python_start = _median_seconds("pass", runs)
    imported = _median_seconds("import moroccodigital", runs)
    floor_one = _median_seconds(f"import pandas; pandas.read_parquet({str(events)!r})", runs)
    ours_one = _median_seconds("import moroccodigital as md; md.load('events')", runs)
    floor_all = _median_seconds(f"import pandas\nfor p in {paths!r}: pandas.read_parquet(p)", runs)
    ours_all = _median_seconds("import moroccodigital as md; md.load_all()", runs)
    print(f"median of {runs} cold processes each (python startup alone: {python_start:.3f} s)")
    print(f"import moroccodigital              {imported:.3f} s   goal <= 0.15 s")
    for label, ours, floor in (("load events", ours_one, floor_one), ("load all   ", ours_all, floor_all)):
        print(
            f"{label} / read_parquet floor   {ours:.3f} / {floor:.3f} s = {ours / floor:.2f}   goal <= 1.10"
        )
    print(f"wheel size                         {_wheel_size() / 1e6:.2f} MB   goal <= 1 MB")


if __name__ == "__main__":
    main()

"""Throughput, overhead and peak memory of `moroccodigital scan` on generated corpora.

    python benchmarks/scan_throughput.py [--sizes 300 1500] [--workers N] [--large-mb 20]

Articles are made from the project's own texts: paragraphs of the seed articles' bodies, drawn
with a fixed seed, so the corpus has the numbers, dates and names of real articles.  For each
size, in fresh processes (peak resident memory read from getrusage):

- `find` alone: the finder over every article, read beforehand, one core: the ceiling;
- the scan on one worker, and its overhead over `find` alone (reading, columns, Parquet);
- the scan on N workers, in MB/s per core.

Rates are per CPU second (the process's and its workers' user + system time, from getrusage),
so that a machine shared with other jobs does not distort them; wall-clock seconds are shown
too.  Setup (reading the installed names, compiling the patterns, and pyarrow's one-off lazy
import of pandas on its first array, about a CPU second) is done before the clock starts.

Two sizes show whether cost and memory stay linear.  `--large-mb` adds one article of that size
(paragraphs joined), scanned on one worker: memory must stay bounded per file (the scan reads a
long file in windows of paragraphs).  Goal (issue 16): at least 15 MB/s per core end to end with
the new finder, and a scan that adds little to `find`.  Under each row, the candidates a MB and
the CPU time `find` spends on each, beside the time the goal would leave: the per-candidate
budget that the finder's rules must fit in.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 15
"""MB of text a CPU second (issue 16)."""

SCAN = """
import json, resource, sys, time
from pathlib import Path
from moroccodigital.finder.extract import find
from moroccodigital.finder.scan import installed_lexicon, scan
find("سنة 2022", installed_lexicon())  # names read, patterns compiled: setup, not scanning
import pyarrow as pa; pa.array([0])  # pyarrow's one-off lazy import of pandas: setup too
cpu = lambda: sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                  for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
start, start_cpu = time.perf_counter(), cpu()
summary = scan(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3]), progress=False)
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "bytes": summary.bytes, "files": summary.files,
                  "candidates": summary.candidates, "main_mb": peak(resource.RUSAGE_SELF),
                  "worker_mb": peak(resource.RUSAGE_CHILDREN)}))
"""

FIND = """
import json, os, resource, sys, time
from pathlib import Path
from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
lexicon = Lexicon(installed_entries())
find("سنة 2022", lexicon)
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
start, start_cpu = time.perf_counter(), time.process_time()
candidates = sum(len(find(text, lexicon)) for text in texts)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "bytes": sum(len(t.encode("utf-8")) for t in texts),
                  "candidates": candidates,
                  "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def paragraphs() -> list[str]:
    """Every non-empty line of the seed texts (the templates the corpus is made of)."""
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    return lines


def write_corpus(folder: Path, articles: int, pool: list[str]) -> None:
    rng = random.Random(articles)
    for i in range(articles):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        text = "\n".join(rng.choice(pool) for _ in range(rng.randint(6, 14)))
        (sub / f"{i:05d}.txt").write_text(text + "\n", encoding="utf-8")


def write_large(folder: Path, megabytes: float, pool: list[str]) -> None:
    rng = random.Random(0)
    with (folder / "large.txt").open("w", encoding="utf-8") as handle:
        written = 0
        while written < megabytes * 1e6:
            line = rng.choice(pool) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))


def run(code: str, *args: object) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1500])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--large-mb", type=float, default=0, help="also scan one article this large")
    args = parser.parse_args()
    pool = paragraphs()
    print(
        f"{'corpus':>14} {'MB':>6} {'find MB/s':>9} {'scan×1 MB/s':>11} {'overhead':>8} "
        f"{'scan×N MB/s/core':>16} {'wall s ×1/×N':>12} {'peak find MB':>12} {'peak scan MB':>12} "
        f"{'peak worker MB':>14}"
    )
    cases: list[tuple[str, int | float]] = [("articles", size) for size in args.sizes]
    if args.large_mb:
        cases.append(("large", args.large_mb))
    for kind, size in cases:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, out = Path(tmp) / "corpus", Path(tmp) / "candidates.parquet"
            corpus.mkdir()
            if kind == "articles":
                write_corpus(corpus, int(size), pool)
            else:
                write_large(corpus, size, pool)
            alone = run(FIND, corpus)
            one = run(SCAN, corpus, out, 1)
            many = run(SCAN, corpus, out, args.workers) if kind == "articles" else None
        if one["candidates"] != alone["candidates"]:
            print(f"  note: the scan found {one['candidates']} candidates, find alone {alone['candidates']}")
        mb = one["bytes"] / 1e6
        find_rate, one_rate = mb / alone["cpu"], mb / one["cpu"]
        per_core = f"{mb / many['cpu']:16.2f}" if many else f"{'-':>16}"
        wall = f"{one['seconds']:.1f}/{many['seconds']:.1f}" if many else f"{one['seconds']:.1f}/-"
        label = f"{int(size)} articles" if kind == "articles" else f"1 file {size:g} MB"
        worker_mb = max(one["worker_mb"], many["worker_mb"] if many else 0)
        print(
            f"{label:>14} {mb:>6.2f} {find_rate:>9.2f} {one_rate:>11.2f} {find_rate / one_rate - 1:>8.0%} "
            f"{per_core} {wall:>12} {alone['main_mb']:>12.0f} {one['main_mb']:>12.0f} {worker_mb:>14.0f}"
        )
        per_mb, spent = alone["candidates"] / mb, 1e6 * alone["cpu"] / alone["candidates"]
        print(
            f"{'':>14} {per_mb:,.0f} candidates a MB: find spends {spent:.0f} µs of CPU on each; "
            f"{GOAL:g} MB/s would leave {1e6 / (GOAL * per_mb):.1f} µs"
        )


if __name__ == "__main__":
    main()

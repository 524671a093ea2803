"""Throughput and peak memory of `moroccodigital scan` on generated corpora of 10 to 10,000 articles.

    python benchmarks/scan_throughput.py [--sizes 10 1000 10000] [--workers N]

Articles are made from the project's own texts: paragraphs of the seed articles' bodies, drawn
with a fixed seed, so the corpus has the numbers, dates and names of real articles.  Each size
is scanned in a fresh process (its peak resident memory, and its workers', are read from
getrusage).  Goal (issue 7): at least 5 MB/s per core, and cost linear in corpus size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
from pathlib import Path
from moroccodigital.finder.scan import scan
start = time.perf_counter()
summary = scan(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3]), progress=False)
seconds = time.perf_counter() - start
peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "bytes": summary.bytes, "files": summary.files,
                  "candidates": summary.candidates, "main_mb": peak(resource.RUSAGE_SELF),
                  "worker_mb": peak(resource.RUSAGE_CHILDREN)}))
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    pool = paragraphs()
    print(f"{'articles':>8} {'MB':>7} {'seconds':>8} {'MB/s':>6} {'MB/s/core':>9} {'s per MB':>8} "
          f"{'peak main MB':>12} {'peak worker MB':>14} {'candidates':>10}")  # fmt: skip
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, out = Path(tmp) / "corpus", Path(tmp) / "candidates.parquet"
            corpus.mkdir()
            write_corpus(corpus, size, pool)
            run = subprocess.run(
                [sys.executable, "-c", CHILD, str(corpus), str(out), str(args.workers)],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(run.stdout)
        mb = r["bytes"] / 1e6
        print(
            f"{r['files']:>8} {mb:>7.2f} {r['seconds']:>8.2f} {mb / r['seconds']:>6.2f} "
            f"{mb / r['seconds'] / args.workers:>9.2f} {r['seconds'] / mb:>8.3f} {r['main_mb']:>12.0f} "
            f"{r['worker_mb']:>14.0f} {r['candidates']:>10}"
        )
        time.sleep(0.5)


if __name__ == "__main__":
    main()

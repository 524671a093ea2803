"""How the full build scales: CPU time, time per article and peak memory on today's seeds to 500 articles.

    python benchmarks/build_scale.py [--sizes N 50 250 500] [--stages]   (N: the seeds today, the default)

The corpus is the seeds copied over and over as valid renamed copies (synthetic_corpus.py).
Each size is built in a fresh process; times are that process's CPU seconds (process_time, so
other work on a shared machine does not count), peak resident memory from getrusage.  With
--stages, the CPU time of each stage is taken from the build's own `report` callback: the time
between one message and the next.  Goal (issue 17): linear, <= 1.5 s today, <= 15 s at 500.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic_corpus import default_sizes, write_project

CHILD = """
import json, resource, sys, time
from pathlib import Path
stages, last = [], [None, time.process_time()]
def report(message):
    now = time.process_time()
    if last[0] is not None:
        stages.append([last[0], now - last[1]])
    last[0], last[1] = message, now
start = time.process_time()
from moroccodigital.dataset.build import build
counts = build(Path(sys.argv[1]), report)
print(json.dumps({"seconds": time.process_time() - start, "stages": stages,
                  "sources": counts["sources"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--stages", action="store_true", help="CPU seconds of each build stage")
    args = parser.parse_args()
    print(f"{'articles':>8} {'CPU s':>7} {'ms/article':>10} {'peak MB':>8}")
    for size in args.sizes or default_sizes():
        with tempfile.TemporaryDirectory() as tmp:
            write_project(Path(tmp), size)
            run = subprocess.run(
                [sys.executable, "-c", CHILD, tmp], capture_output=True, text=True, check=False
            )
        if run.returncode:
            raise SystemExit(f"the build of {size} articles failed:\n{run.stderr[-3000:]}")
        r = json.loads(run.stdout)
        if r["sources"] != size:
            raise SystemExit(f"the build of {size} articles gave {r['sources']} sources")
        print(f"{size:>8} {r['seconds']:>7.2f} {1000 * r['seconds'] / size:>10.1f} {r['peak_mb']:>8.0f}")
        if args.stages:
            for message, seconds in r["stages"]:
                print(f"{'':>8} {seconds:>7.2f}  {message}")


if __name__ == "__main__":
    main()

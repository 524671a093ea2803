"""How the completeness audit scales: its time and peak memory on corpora of today's seeds to 500 articles.

    python benchmarks/audit_scale.py [--sizes N 50 250 500] [--no-validate]   (N: the seeds today)

The corpus is the five seeds copied over and over: copy k of a seed is the same article under a
new file name, with its source id and every id its annotation file defines (unnamed actors,
roles, events, agreements, targets) renamed, so the copies are valid annotations the build
accepts (checked with the build's own validation, unless --no-validate).  Each size is audited
in a fresh process, which reads the curation and then times `audit_curation` alone (peak
resident memory from getrusage).  Goal (issue 16): time linear in the number of articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic_corpus import default_sizes
from synthetic_corpus import write_seeds as write_project

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, resource, sys, time
from pathlib import Path
from moroccodigital.finder import audit
from moroccodigital.curation import checks
from moroccodigital.curation import annotations as curation
seeds = Path(sys.argv[1]) / "seeds"
cur = curation.read_curation(seeds)
problems = cur.problems + (checks.check_curation(cur)[1] if sys.argv[2] == "1" else [])
start = time.perf_counter()
report = audit.audit_curation(cur, seeds)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "sources": len(report.sources),
                  "candidates": sum(s.total for s in report.sources),
                  "gaps": sum(len(s.gaps) for s in report.sources),
                  "problems": [str(p) for p in problems + report.problems][:5],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--no-validate", action="store_true", help="skip the build's validation")
    args = parser.parse_args()
    print(f"{'articles':>8} {'candidates':>10} {'audit s':>8} {'ms/article':>10} {'peak MB':>8} {'gaps':>5}")
    for size in args.sizes or default_sizes():
        with tempfile.TemporaryDirectory() as tmp:
            write_project(Path(tmp), size)
            run = subprocess.run(
                [sys.executable, "-c", CHILD, tmp, "0" if args.no_validate else "1"],
                check=True,
                capture_output=True,
                text=True,
            )
        r = json.loads(run.stdout)
        if r["problems"] or r["sources"] != size:
            raise SystemExit(f"the synthetic corpus of {size} is not valid: {r['problems']}")
        print(
            f"{size:>8} {r['candidates']:>10} {r['seconds']:>8.2f} {1000 * r['seconds'] / size:>10.1f} "
            f"{r['peak_mb']:>8.0f} {r['gaps']:>5}"
        )


if __name__ == "__main__":
    main()

"""Full build time (validation included): median of cold runs, each in a fresh process.

    python benchmarks/build_time.py [--runs 5]

Goal (issue 3): at most 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("seeds", "data", "schemas"):
            shutil.copytree(ROOT / name, project / name)
        for name in ("pyproject.toml", "CHANGELOG.md"):
            shutil.copy2(ROOT / name, project / name)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "moroccodigital", "build", "--root", str(project)],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    print(
        f"full build (cold process, validation included): median {statistics.median(times):.2f} s "
        f"over {args.runs} runs (min {min(times):.2f}, max {max(times):.2f}); goal <= 5 s"
    )


if __name__ == "__main__":
    main()

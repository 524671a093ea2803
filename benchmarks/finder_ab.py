"""The finder of this tree against the finder of a git revision, article by article in one process.

    python benchmarks/finder_ab.py [--base main] [--mb 1] [--french 0 1 0.33]

On a machine shared with other jobs, the CPU time of one process swings by a third from one
minute to the next, more than most changes to the finder are worth: two runs, even side by side,
cannot tell a 5% gain from noise.  Here both finders run in one process, alternating on each
article of the finder_speed corpus (the older first on odd articles), so that whatever slows the
machine slows both alike; their ratio is the figure to compare.  The base revision's package is
exported with `git archive` into a temporary folder under another name (moroccodigital_base), so
it imports beside this tree's.  Both use this tree's installed names.  A tree against itself
measures x1.00 +- 0.01 on 1 MB (x1.03 on 0.3 MB: use at least 1 MB).  Prints figures and whether
the two found the same candidates; asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

from finder_speed import ROOT, corpus

from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, installed_entries

BASE = "moroccodigital_base"


def export(revision: str, folder: Path) -> None:
    """The package at `revision`, in folder/moroccodigital_base, its own imports renamed."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "moroccodigital"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "moroccodigital").rename(folder / BASE)
    for path in (folder / BASE).rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\bmoroccodigital(?=[. ])", BASE, source), encoding="utf-8")


def compare(base: Any, base_lexicon: Any, lexicon: Lexicon, articles: list[str]) -> tuple[float, float, bool]:
    """CPU seconds of the base finder and of this tree's over the articles, and whether they agree."""
    clock = time.process_time
    spent = {"base": 0.0, "new": 0.0}
    same = True
    for i, article in enumerate(articles):
        order = (("new", find, lexicon), ("base", base, base_lexicon))
        found = {}
        for name, finder, names in order[:: 1 if i % 2 else -1]:
            start = clock()
            found[name] = finder(article, names)
            spent[name] += clock() - start
        same = same and [vars(c) for c in found["base"]] == [vars(c) for c in found["new"]]
    return spent["base"], spent["new"], same


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="main", help="git revision to compare with (default main)")
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size in MB (default 1)")
    parser.add_argument("--french", type=float, nargs="+", default=[0.0, 1.0, 1 / 3], help="French shares")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export(args.base, Path(folder))
        sys.path.insert(0, folder)
        base = importlib.import_module(f"{BASE}.finder.extract").find
        base_lexicon = importlib.import_module(f"{BASE}.finder.lexicon").Lexicon(installed_entries())
        lexicon = Lexicon(installed_entries())
        for share in args.french:
            articles = corpus(args.mb, share)
            megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1e6
            before, after, same = compare(base, base_lexicon, lexicon, articles)
            print(
                f"French share {share:.2f}, {megabytes:.1f} MB: {args.base} {megabytes / before:.3f} MB/s, "
                f"this tree {megabytes / after:.3f} MB/s CPU, x{before / after:.3f}"
                f"{'' if same else '  (the candidates differ)'}"
            )


if __name__ == "__main__":
    main()

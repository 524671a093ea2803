"""Single-threaded throughput of the candidate finder, `find(text, lexicon)`, in MB/s.

    python benchmarks/finder_speed.py [--mb 20] [--repeat 3]

The corpus mixes the project's own texts: paragraphs of the seed articles (Arabic) and the French
paragraphs of benchmarks/french_paragraphs.txt (written for this benchmark in the style of
Moroccan business news), shuffled with a fixed seed into articles of 6 to 14 paragraphs, one
article in three French (--french sets the share).  The lexicon is the installed names.
Goal (issue 16): at least
20 MB/s, so that `scan` reaches 15 MB/s per core.  Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon, installed_entries

ROOT = Path(__file__).resolve().parents[1]


def paragraphs() -> tuple[list[str], list[str]]:
    """Arabic seed paragraphs and French benchmark paragraphs (lines longer than 40 characters)."""
    arabic = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line) > 40
    ]
    french_file = ROOT / "benchmarks" / "french_paragraphs.txt"
    french = [line for line in french_file.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    return arabic, french


def corpus(megabytes: float, french: float = 1 / 3) -> list[str]:
    """Articles adding up to about `megabytes` of UTF-8, a share `french` of them French."""
    rng = random.Random(16)
    arabic, french_pool = paragraphs()
    out, size = [], 0
    while size < megabytes * 1e6:
        pool = french_pool if rng.random() < french else arabic
        article = "\n".join(rng.choice(pool) for _ in range(rng.randint(6, 14)))
        out.append(article)
        size += len(article.encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument("--french", type=float, default=1 / 3, help="share of French articles (default 1/3)")
    args = parser.parse_args()
    start = time.perf_counter()
    lexicon = Lexicon(installed_entries())
    print(f"lexicon: {len(lexicon.table)} names in {time.perf_counter() - start:.2f} s")
    articles = corpus(args.mb, args.french)
    size = sum(len(a.encode("utf-8")) for a in articles)
    best, cpu, count = float("inf"), float("inf"), 0
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        count = sum(len(find(article, lexicon)) for article in articles)
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    print(f"{len(articles)} articles, {size / 1e6:.1f} MB, {count} candidates")
    print(
        f"find: {best:.2f} s wall, {size / 1e6 / best:.1f} MB/s; {cpu:.2f} s CPU, {size / 1e6 / cpu:.1f} MB/s"
    )
    print(f"(best of {args.repeat}, one thread; CPU time is the figure to compare on a shared machine)")


if __name__ == "__main__":
    main()

"""Single-threaded throughput of the candidate finder, `find(text, lexicon)`, in MB/s.

    python benchmarks/finder_speed.py [--mb 20] [--repeat 3]

The corpus mixes the project's own texts: paragraphs of the seed articles (Arabic) and the French
paragraphs of benchmarks/french_paragraphs.txt (written for this benchmark in the style of
Moroccan business news), shuffled with a fixed seed into articles of 6 to 14 paragraphs, about
one French paragraph in three.  The lexicon is the installed names.  Goal (issue 16): at least
20 MB/s, so that `scan` reaches 15 MB/s per core.  Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from moroccodigital.extract import find
from moroccodigital.lexicon import Lexicon, installed_entries

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


def corpus(megabytes: float) -> list[str]:
    """Articles adding up to about `megabytes` of UTF-8."""
    rng = random.Random(16)
    arabic, french = paragraphs()
    out, size = [], 0
    while size < megabytes * 1e6:
        article = "\n".join(
            rng.choice(french if rng.random() < 1 / 3 else arabic) for _ in range(rng.randint(6, 14))
        )
        out.append(article)
        size += len(article.encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args()
    start = time.perf_counter()
    lexicon = Lexicon(installed_entries())
    print(f"lexicon: {len(lexicon.table)} names in {time.perf_counter() - start:.2f} s")
    articles = corpus(args.mb)
    size = sum(len(a.encode("utf-8")) for a in articles)
    best, count = float("inf"), 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        count = sum(len(find(article, lexicon)) for article in articles)
        best = min(best, time.perf_counter() - start)
    print(f"{len(articles)} articles, {size / 1e6:.1f} MB, {count} candidates")
    print(f"find: {best:.2f} s, {size / 1e6 / best:.1f} MB/s (best of {args.repeat}, one thread)")


if __name__ == "__main__":
    main()

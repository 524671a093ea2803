"""Where the finder's time goes: a profile of `find`, and the speed of each of its patterns.

    python benchmarks/finder_profile.py [--mb 1] [--french 0.33] [--top 20]

On the corpus of benchmarks/finder_speed.py (seed paragraphs and French paragraphs):

- the functions of `find` by their own CPU time (cProfile; the matching inside a pattern's
  `finditer` is counted in the function that iterates it, `_propose` for most patterns);
- every finder pattern run once over the whole normalised corpus, in MB/s of CPU, as compiled
  (with `fastre.quick`'s lookahead where it added one) and as written: a pattern's own speed, the
  ceiling of the windows `find` runs it in.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import time

from finder_speed import corpus

from moroccodigital.finder import patterns as P
from moroccodigital.finder.extract import find
from moroccodigital.finder.fastre import MARK
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.finder.normalize import normalize


def as_written(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the lookahead `fastre.quick` added (the first "])(?:" closes it)."""
    source = pattern.pattern
    if source.startswith(MARK):
        source = source[source.index("])(?:") + len("])(?:") : -1]
    return re.compile(source, pattern.flags)


def rate(pattern: re.Pattern[str], text: str, megabytes: float) -> float:
    start = time.process_time()
    for _ in pattern.finditer(text):
        pass
    return megabytes / max(time.process_time() - start, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size in MB (default 1)")
    parser.add_argument("--french", type=float, default=1 / 3, help="share of French articles")
    parser.add_argument("--top", type=int, default=20, help="functions shown (default 20)")
    args = parser.parse_args()
    lexicon = Lexicon(installed_entries())
    articles = corpus(args.mb, args.french)
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    find("سنة 2022", lexicon)
    profile = cProfile.Profile()
    profile.enable()
    for article in articles:
        find(article, lexicon)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    print(f"{len(articles)} articles, {megabytes:.2f} MB (French share {args.french:.2f})")
    print(out.getvalue().split("\n", 4)[-1].strip("\n"))
    text = normalize("\n".join(articles)).text
    named = [(name, p) for family in P.FAMILIES for name, p in family.patterns]
    named += [("trigger words", P.TRIGGER), ("latin runs", P.LATIN), ("quoted", P.QUOTED)]
    print(f"\n{'pattern (whole corpus, one pass)':36} {'MB/s':>8} {'as written':>10}")
    for name, pattern in named:
        compiled, written = rate(pattern, text, megabytes), rate(as_written(pattern), text, megabytes)
        print(f"{name:36} {compiled:8.1f} {written:10.1f}")


if __name__ == "__main__":
    main()

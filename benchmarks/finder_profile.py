"""Where the finder's time goes: a profile of `find`, and the speed of each of its patterns.

    python benchmarks/finder_profile.py [--mb 1] [--french 0.33] [--top 20]

On the corpus of benchmarks/finder_speed.py (seed paragraphs and French paragraphs):

- the functions of `find` by their own CPU time (cProfile; the matching inside a pattern's
  `finditer` is counted in the function that iterates it, `_propose` for most patterns);
- every finder pattern run once over the whole normalised corpus, in MB/s of CPU, as compiled
  (with `fastre.quick`'s lookahead where it added one) and as written: a pattern's own speed, the
  ceiling of the windows `find` runs it in;
- per family, the share of the text inside its windows, and per pattern the CPU seconds spent in
  those windows (its needs' searches included) and the share of windows its needs skip: where
  the time of `find`'s matching goes, and why.

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
from moroccodigital.finder.extract import _windows, find
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
    windowed([normalize(a).text for a in articles])


def windowed(texts: list[str]) -> None:
    """Per family, the share of characters inside its windows; per pattern, its CPU seconds in
    them (needs included) and the share of windows its needs skip."""
    size = sum(map(len, texts))
    covered = [0] * len(P.FAMILIES)
    seconds: dict[tuple[int, str], float] = {}
    skipped: dict[tuple[int, str], list[int]] = {}
    for text in texts:
        for f, (family, spans) in enumerate(zip(P.FAMILIES, _windows(text), strict=True)):
            covered[f] += sum(b - a for a, b in spans)
            for (name, pattern), needs in zip(family.patterns, family.needs, strict=True):
                start = time.process_time()
                runs = [(a, b) for a, b in spans if all(n.search(text, a, b) for n in needs)]
                for a, b in runs:
                    for _ in pattern.finditer(text, a, b):
                        pass
                seconds[f, name] = seconds.get((f, name), 0.0) + time.process_time() - start
                counts = skipped.setdefault((f, name), [0, 0])
                counts[0] += len(spans) - len(runs)
                counts[1] += len(spans)
    print(f"\n{'family (first trigger)':28} {'text in windows':>15}")
    for f, family in enumerate(P.FAMILIES):
        print(f"{f:2} {(family.triggers or ('digits',))[0]:25} {covered[f] / size:15.0%}")
    print(f"\n{'pattern in its windows':36} {'CPU s':>8} {'skipped':>8}")
    for (f, name), spent in sorted(seconds.items(), key=lambda kv: -kv[1]):
        skips, total = skipped[f, name]
        print(f"{f:2} {name:33} {spent:8.3f} {skips / max(total, 1):8.0%}")


if __name__ == "__main__":
    main()

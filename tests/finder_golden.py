"""The finder's frozen output: the candidates `find` gives on the project's own texts.

The texts are every seed article, every article and passage of the evaluation set
(tests/finder_eval) and the French paragraphs of benchmarks/french_paragraphs.txt; the lexicon
is the installed names.  tests/fixtures/finder_golden.json holds, per text, every candidate as
a row of `extract.FIELDS`.  A change meant to make the finder faster must leave it as it is
(tests/test_finder_golden.py); a change meant to alter what the finder finds regenerates it,
and its diff shows what changed:

    PYTHONPATH=. python tests/finder_golden.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from moroccodigital.curation.yamlfiles import load_yaml
from moroccodigital.finder.extract import FIELDS, Candidate

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "fixtures" / "finder_golden.json"


def texts() -> dict[str, str]:
    """Every text of the frozen output, by a name that says where it comes from."""
    out = {f"seeds/{p.name}": p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    evaluation = ROOT / "tests" / "finder_eval"
    for path in sorted((evaluation / "articles").glob("*.txt")):
        out[f"finder_eval/articles/{path.name}"] = path.read_text(encoding="utf-8")
    for name in ("ar.yaml", "fr.yaml"):
        for passage in load_yaml(evaluation / name):
            out[f"finder_eval/{passage['id']}"] = passage["text"]
    french = ROOT / "benchmarks" / "french_paragraphs.txt"
    out["benchmarks/french_paragraphs.txt"] = french.read_text(encoding="utf-8")
    return out


def row(candidate: Candidate) -> list[Any]:
    """A candidate as the JSON row the fixture stores (tuples as lists)."""
    return [list(v) if isinstance(v, tuple) else v for v in (getattr(candidate, f) for f in FIELDS)]


def read() -> dict[str, list[list[Any]]]:
    """The frozen candidates, by text."""
    frozen: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert frozen["fields"] == list(FIELDS), "the fixture's fields are not the finder's: regenerate it"
    texts: dict[str, list[list[Any]]] = frozen["texts"]
    return texts


def _dump(frozen: dict[str, list[list[Any]]]) -> str:
    """JSON with one candidate a line, so that a diff of the fixture reads candidate by candidate."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    blocks = [
        f"  {dumps(name)}: [" + ",".join(f"\n    {dumps(r)}" for r in rows) + ("\n  ]" if rows else "]")
        for name, rows in frozen.items()
    ]
    return '{"fields": ' + dumps(list(FIELDS)) + ',\n "texts": {\n' + ",\n".join(blocks) + "\n }}\n"


def main() -> None:
    from moroccodigital.finder.extract import find
    from moroccodigital.finder.lexicon import Lexicon, installed_entries

    lexicon = Lexicon(installed_entries())
    frozen = {name: [row(c) for c in find(text, lexicon)] for name, text in texts().items()}
    GOLDEN.write_text(_dump(frozen), encoding="utf-8")
    print(f"{GOLDEN}: {sum(map(len, frozen.values()))} candidates in {len(frozen)} texts")


if __name__ == "__main__":
    main()

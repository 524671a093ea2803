"""The command line: argument parsing only; every command calls a public function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moroccodigital.errors import BuildError


def _build(args: argparse.Namespace) -> int:
    from moroccodigital.build import build

    counts = build(Path(args.root), report=lambda step: print(f"build: {step}", file=sys.stderr))
    width = max(map(len, counts))
    for table, rows in counts.items():
        print(f"{table:<{width}}  {rows:>5} rows")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="moroccodigital", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate the annotations and write data/ and schemas/")
    build.add_argument("--root", default=".", help="project folder holding seeds/ (default: current folder)")
    build.set_defaults(run=_build)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BuildError as err:
        print(err.report(), file=sys.stderr)
        return 1

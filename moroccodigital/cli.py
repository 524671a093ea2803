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


def _export(args: argparse.Namespace) -> int:
    from moroccodigital.export import export_zip

    print(export_zip(Path(args.root), Path(args.zip), with_texts=args.with_texts, force=args.force))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="moroccodigital", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate the annotations and write data/ and schemas/")
    build.add_argument("--root", default=".", help="project folder holding seeds/ (default: current folder)")
    build.set_defaults(run=_build)
    export = commands.add_parser(
        "export", help="write one zip of the data, its metadata, README, CHANGELOG and licences (for Zenodo)"
    )
    export.add_argument("--zip", required=True, metavar="PATH", help="the archive to write")
    export.add_argument("--root", default=".", help="project folder holding data/ (default: current folder)")
    export.add_argument(
        "--with-texts",
        action="store_true",
        help="include the full article texts (their publishers' works; portals re-license what they host)",
    )
    export.add_argument(
        "--force", action="store_true", help="replace PATH even if 'moroccodigital export' did not write it"
    )
    export.set_defaults(run=_export)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BuildError as err:
        print(err.report(), file=sys.stderr)
        return 1

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
    if args.sqlite:
        from moroccodigital.explore import export_sqlite

        print(export_sqlite(Path(args.sqlite), force=args.force))
        return 0
    from moroccodigital.export import export_zip

    print(export_zip(Path(args.root), Path(args.zip), with_texts=args.with_texts, force=args.force))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from moroccodigital.explore import serve

    serve(port=args.port)
    return 0


def _publish_ckan(args: argparse.Namespace) -> int:
    from moroccodigital.publish_ckan import PublishError, publish_ckan

    try:
        report = publish_ckan(
            args.url,
            args.org,
            data_dir=Path(args.data),
            dataset=args.dataset,
            dry_run=args.dry_run,
            token_env=args.token_env,
            with_texts=args.with_texts,
            progress=lambda step: print(f"publish: {step}", file=sys.stderr),
        )
    except PublishError as err:
        print(f"publish: {err}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from moroccodigital.codebook import write_codebook

    print(write_codebook(Path(args.root)))
    return 0


def _figures(args: argparse.Namespace) -> int:
    try:
        from moroccodigital.figures import write_figures
        from moroccodigital.plotting import ArabicFontNotFoundError
    except ModuleNotFoundError as err:
        print(f"{err.name} is missing: pip install 'moroccodigital[figures]'", file=sys.stderr)
        return 1
    try:
        written = write_figures(Path(args.out), Path(args.data) if args.data else None)
    except ArabicFontNotFoundError as err:
        print(err, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _info(args: argparse.Namespace) -> int:
    from moroccodigital.report import info

    print(info(Path(args.path) if args.path else None))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from moroccodigital.report import validate

    report = validate(Path(args.path) if args.path else None, Path(args.texts) if args.texts else None)
    print(report)
    return 0 if report.ok else 1


def _audit(args: argparse.Namespace) -> int:
    from moroccodigital.audit import audit

    report = audit(Path(args.root))
    print(report.format())
    return 0 if report.ok else 1


def _draft(args: argparse.Namespace) -> int:
    from moroccodigital.draft import draft

    try:
        print(draft(Path(args.article), Path(args.out) if args.out else None, force=args.force))
    except ValueError as err:  # UnsafeOutput, or an article that is not UTF-8 NFC text
        print(f"draft: {err}", file=sys.stderr)
        return 2
    return 0


def _scan(args: argparse.Namespace) -> int:
    try:
        if args.dask:
            from moroccodigital.scan_dask import scan_on_cluster

            summary = scan_on_cluster(Path(args.folder), Path(args.out), args.dask, force=args.force)
        else:
            from moroccodigital.scan import scan

            summary = scan(
                Path(args.folder),
                Path(args.out),
                workers=args.workers,
                progress=not args.quiet,
                force=args.force,
            )
    except ValueError as err:  # UnsafeOutput: the output path is refused
        print(f"scan: {err}", file=sys.stderr)
        return 2
    for name in summary.unreadable:
        print(f"scan: skipped {name} (not UTF-8)", file=sys.stderr)
    for name in summary.skipped:
        print(f"scan: skipped {name} (not a regular file)", file=sys.stderr)
    size = summary.bytes / 1e6
    print(f"{summary.candidates} candidates in {summary.files} files ({size:.1f} MB) -> {summary.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="moroccodigital",
        description="Build, check, explore and publish the moroccodigital dataset.",
    )
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate the annotations and write data/ and schemas/")
    build.add_argument("--root", default=".", help="project folder holding seeds/ (default: current folder)")
    build.set_defaults(run=_build)
    export = commands.add_parser(
        "export", help="export the data: one zip for archives such as Zenodo (--zip) or SQLite (--sqlite)"
    )
    written = export.add_mutually_exclusive_group(required=True)
    written.add_argument("--zip", metavar="PATH", help="the archive to write")
    written.add_argument(
        "--sqlite",
        metavar="PATH",
        help="a SQLite database of every table, with keys and Arabic-aware search (needs the explore extra)",
    )
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
    serve = commands.add_parser(
        "serve",
        help="browse the data in Datasette on 127.0.0.1, evidence beside every record (explore extra)",
    )
    serve.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default: 8001)")
    serve.set_defaults(run=_serve)
    publish = commands.add_parser("publish", help="publish the dataset to a data portal")
    portals = publish.add_subparsers(dest="portal", required=True)
    ckan = portals.add_parser(
        "ckan",
        help="create or update the dataset on a CKAN portal; the API token is read from the environment",
    )
    ckan.add_argument("--url", required=True, help="the portal's address, e.g. https://data.example.org")
    ckan.add_argument("--org", required=True, help="name of the CKAN organization that owns the dataset")
    ckan.add_argument("--dataset", help="dataset name on the portal (default: the Data Package's name)")
    ckan.add_argument("--data", default="data", help="the built data folder (default: ./data)")
    ckan.add_argument(
        "--token-env",
        default="CKAN_API_TOKEN",
        help="environment variable holding the API token (default: %(default)s)",
    )
    ckan.add_argument(
        "--with-texts",
        action="store_true",
        help="also upload the article texts (their publishers' copyright)",
    )
    ckan.add_argument("--dry-run", action="store_true", help="print the plan and touch no network")
    ckan.set_defaults(run=_publish_ckan)
    codebook = commands.add_parser(
        "codebook", help="write docs/codebook.md from the models, the built data and docs/coding_rules.md"
    )
    codebook.add_argument(
        "--root", default=".", help="project folder holding data/ and docs/ (default: current folder)"
    )
    codebook.set_defaults(run=_codebook)
    figures = commands.add_parser(
        "figures", help="draw the timeline, actor network and targets figures as PNG (figures extra)"
    )
    figures.add_argument("--out", default="docs/figures", help="folder to write into (default: docs/figures)")
    figures.add_argument("--data", help="a data folder (default: the installed data)")
    figures.set_defaults(run=_figures)
    info = commands.add_parser(
        "info", help="print the version, the tables with their row counts and the sources"
    )
    info.add_argument(
        "path", nargs="?", help="a data folder or its datapackage.json (default: the installed data)"
    )
    info.set_defaults(run=_info)
    validate = commands.add_parser(
        "validate", help="re-check an installed or built package: descriptors, hashes, schemas, keys, quotes"
    )
    validate.add_argument(
        "path", nargs="?", help="a data folder or its datapackage.json (default: the installed data)"
    )
    validate.add_argument("--texts", help="folder of the source texts (default: the seeds beside the data)")
    validate.set_defaults(run=_validate)
    audit = commands.add_parser(
        "audit", help="list each number, date and name in the seeds that no evidence or waiver accounts for"
    )
    audit.add_argument("--root", default=".", help="project folder holding seeds/ (default: current folder)")
    audit.set_defaults(run=_audit)
    draft = commands.add_parser("draft", help="write an annotation skeleton for a new article, for a curator")
    draft.add_argument("article", help="the article: UTF-8 text in NFC, no byte-order mark")
    draft.add_argument("--out", help="file or existing folder to write to (default: the article's, as .yaml)")
    draft.add_argument("--force", action="store_true", help="replace a file that 'draft' did not write")
    draft.set_defaults(run=_draft)
    scan = commands.add_parser(
        "scan", help="find candidates in each *.txt under a folder, into one Parquet file"
    )
    scan.add_argument("folder", help="folder of articles (*.txt, searched recursively; links not followed)")
    scan.add_argument("--out", required=True, help="the Parquet file to write")
    scan.add_argument("--workers", type=int, help="processes to use (default: every core)")
    scan.add_argument("--quiet", action="store_true", help="no progress bar")
    scan.add_argument("--force", action="store_true", help="replace a file that 'scan' did not write")
    scan.add_argument(
        "--dask", metavar="SCHEDULER", help="run on Dask: a scheduler's address, or 'local' (the dask extra)"
    )
    scan.set_defaults(run=_scan)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BuildError as err:
        print(err.report(), file=sys.stderr)
        return 1

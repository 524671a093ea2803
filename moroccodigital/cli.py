"""The command line: argument parsing only; every command calls a public function.

`main` is the one place that turns errors into messages and exit codes (see `errors`): a
command never prints a traceback for anything a user can give it.  Commands that read a built
package take `--data PATH` (default: the installed data); commands that work on a checkout take
`--root PATH` (default: the current folder) and say so when it is not one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moroccodigital import paths
from moroccodigital.errors import BuildError, Error, MissingExtra, UsageError, extra_for
from moroccodigital.results import Result


def _build(args: argparse.Namespace) -> int:
    from moroccodigital.dataset.build import build

    counts = build(_root(args).root, progress=lambda step: print(f"build: {step}", file=sys.stderr))
    width = max(map(len, counts))
    for table, rows in counts.items():
        print(f"{table:<{width}}  {rows:>5} rows")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.sqlite:
        from moroccodigital.explore.app import export_sqlite

        print(export_sqlite(Path(args.sqlite), force=args.force, data=_data(args)))
        return 0
    if args.dcat:
        from moroccodigital.publish.dcat_file import export_dcat

        if not args.base_url:
            raise UsageError("--dcat needs --base-url: the address the data folder is served at")
        print(export_dcat(_data(args) or paths.installed_data(), Path(args.dcat), args.base_url, args.force))
        return 0
    if args.xlsx:
        from moroccodigital.publish.spreadsheet import export_xlsx

        print(export_xlsx(_data(args) or paths.installed_data(), Path(args.xlsx), force=args.force))
        return 0
    from moroccodigital.publish.export import export_zip

    root = _root(args, f"{paths.DATA}/{paths.DESCRIPTOR}").root
    print(export_zip(root, Path(args.zip), with_texts=args.with_texts, force=args.force))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from moroccodigital.explore.app import serve

    if not 0 <= args.port < 65536:
        raise UsageError(f"--port {args.port} is not a TCP port (0-65535; 0 picks a free one)")
    serve(port=args.port, data=_data(args), allowed_hosts=tuple(args.allow_host))
    return 0


def _publish_ckan(args: argparse.Namespace) -> int:
    from moroccodigital.publish.ckan import publish_ckan

    report = publish_ckan(
        args.url,
        args.org,
        data_dir=_data(args) or paths.installed_data(),
        dataset=args.dataset,
        dry_run=args.dry_run,
        token_env=args.token_env,
        with_texts=args.with_texts,
        datastore=not args.no_datastore,
        progress=lambda step: print(f"publish: {step}", file=sys.stderr),
        request_deadline=args.request_deadline,
        run_deadline=args.run_deadline,
    )
    return _show(report)


def _codebook(args: argparse.Namespace) -> int:
    from moroccodigital.docsgen.codebook import write_codebook

    print(write_codebook(_root(args, f"{paths.DATA}/{paths.DESCRIPTOR}", paths.DOCS).root))
    return 0


def _figures(args: argparse.Namespace) -> int:
    from moroccodigital.docsgen.figures import write_figures

    for path in write_figures(Path(args.out), _data(args)):
        print(path)
    return 0


def _info(args: argparse.Namespace) -> int:
    from moroccodigital.dataset.summary import info

    return _show(info(_data(args)))


def _validate(args: argparse.Namespace) -> int:
    from moroccodigital.dataset.summary import validate

    return _show(validate(_data(args), Path(args.texts) if args.texts else None))


def _audit(args: argparse.Namespace) -> int:
    from moroccodigital.finder.audit import audit, audit_seeds

    return _show(audit(_root(args).root) if _is_project(args) else audit_seeds(paths.installed_seeds()))


def _draft(args: argparse.Namespace) -> int:
    from moroccodigital.finder.draft import draft

    print(draft(Path(args.article), Path(args.out) if args.out else None, force=args.force))
    return 0


def _scan(args: argparse.Namespace) -> int:
    if args.dask:
        from moroccodigital.finder.scan_dask import scan_on_cluster

        summary = scan_on_cluster(Path(args.folder), Path(args.out), args.dask, force=args.force)
    else:
        from moroccodigital.finder.scan import scan

        summary = scan(
            Path(args.folder),
            Path(args.out),
            workers=args.workers,
            progress=not args.quiet,
            force=args.force,
        )
    for name in summary.unreadable:
        print(f"scan: skipped {name} (not UTF-8)", file=sys.stderr)
    for name in summary.skipped:
        print(f"scan: skipped {name} (not a regular file)", file=sys.stderr)
    size = summary.bytes / 1e6
    print(f"{summary.candidates} candidates in {summary.files} files ({size:.1f} MB) -> {summary.out}")
    return 0


def _show(result: Result) -> int:
    """Print a command's result, the same way for every command: 0 when it is ok, else 1."""
    print("\n".join(result.lines()))
    return 0 if result.ok else 1


def _data(args: argparse.Namespace) -> Path | None:
    """The data folder a reading command was given (None: the installed data)."""
    given = getattr(args, "data", None) or getattr(args, "path", None)
    return Path(given) if given else None


def _is_project(args: argparse.Namespace) -> bool:
    return args.root is not None or paths.Project(Path.cwd()).package_meta.is_file()


def _root(args: argparse.Namespace, *needed: str) -> paths.Project:
    """The checkout a project command works on, or NotAProject saying what is missing from it."""
    project = paths.Project(Path(args.root or ".").resolve())
    return project.require(*(project.root / name for name in needed))


def _add_data(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data",
        metavar="PATH",
        help="a built data folder or its datapackage.json (default: the installed data)",
    )


def _add_root(command: argparse.ArgumentParser, holds: str) -> None:
    command.add_argument(
        "--root", metavar="PATH", help=f"the checkout holding {holds} (default: current folder)"
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="moroccodigital",
        description="Build, check, explore and publish the moroccodigital dataset.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="validate the annotations and write data/ and schemas/")
    _add_root(build, "seeds/")
    build.set_defaults(run=_build)
    export = commands.add_parser(
        "export",
        help="export the data: a zip for archives such as Zenodo (--zip), SQLite (--sqlite), "
        "DCAT with real addresses (--dcat) or an Excel workbook (--xlsx)",
    )
    written = export.add_mutually_exclusive_group(required=True)
    written.add_argument("--zip", metavar="PATH", help="the archive to write")
    written.add_argument(
        "--sqlite",
        metavar="PATH",
        help="a SQLite database of every table, with keys and Arabic-aware search (needs the explore extra)",
    )
    written.add_argument(
        "--dcat", metavar="PATH", help="DCAT JSON-LD whose download URLs are under --base-url, for harvesters"
    )
    written.add_argument(
        "--xlsx",
        metavar="PATH",
        help="an Excel workbook of every table, Arabic intact (needs the spreadsheet extra)",
    )
    export.add_argument(
        "--base-url", metavar="URL", help="with --dcat: the http(s) address the data folder is served at"
    )
    _add_root(export, "data/ and the files a zip archive ships (--zip)")
    _add_data(export)
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
    _add_data(serve)
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name, besides localhost, 127.0.0.1 and [::1]",
    )
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
    _add_data(ckan)
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
    ckan.add_argument(
        "--no-datastore",
        action="store_true",
        help="do not load the CSV tables into the portal's DataStore; put each table's Table Schema "
        "in its resource's `schema` field instead",
    )
    ckan.add_argument("--dry-run", action="store_true", help="print the plan and touch no network")
    ckan.add_argument(
        "--request-deadline",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="give up on a request (and retry it) after this long (default: %(default)g)",
    )
    ckan.add_argument(
        "--run-deadline",
        type=float,
        default=3600.0,
        metavar="SECONDS",
        help="stop the whole publication after this long (default: %(default)g)",
    )
    ckan.set_defaults(run=_publish_ckan)
    codebook = commands.add_parser(
        "codebook", help="write docs/codebook.md from the models, the built data and docs/coding_rules.md"
    )
    _add_root(codebook, "data/ and docs/")
    codebook.set_defaults(run=_codebook)
    figures = commands.add_parser(
        "figures", help="draw the timeline, actor network and targets figures as PNG (figures extra)"
    )
    figures.add_argument("--out", default="docs/figures", help="folder to write into (default: docs/figures)")
    _add_data(figures)
    figures.set_defaults(run=_figures)
    info = commands.add_parser(
        "info", help="print the version, the tables with their row counts and the sources"
    )
    info.add_argument("path", nargs="?", help="the same as --data")
    _add_data(info)
    info.set_defaults(run=_info)
    validate = commands.add_parser(
        "validate", help="re-check an installed or built package: descriptors, hashes, schemas, keys, quotes"
    )
    validate.add_argument("path", nargs="?", help="the same as --data")
    _add_data(validate)
    validate.add_argument("--texts", help="folder of the source texts (default: the seeds beside the data)")
    validate.set_defaults(run=_validate)
    audit = commands.add_parser(
        "audit", help="list each number, date and name in the seeds that no evidence or waiver accounts for"
    )
    audit.add_argument(
        "--root",
        metavar="PATH",
        help="the checkout holding seeds/ (default: the current folder if it is one, else installed seeds)",
    )
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


def _version() -> str:
    from moroccodigital import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure a user can cause ends as a message and an exit code."""
    top = parser()
    args = top.parse_args(argv)
    if args.command is None or not hasattr(args, "run"):
        top.print_help()
        return 0 if args.command is None else 2
    try:
        return int(args.run(args))
    except BuildError as err:
        print(err.report(), file=sys.stderr)
        return err.exit_code
    except ModuleNotFoundError as err:
        extra = extra_for(err.name or "")
        if extra is None:
            raise
        return _fail(args, MissingExtra(extra, err.name or ""))
    except Error as err:
        return _fail(args, err)
    except OSError as err:  # a file the command was pointed at cannot be read or written
        where = f"{err.filename}: " if err.filename else ""
        print(f"moroccodigital {args.command}: {where}{err.strerror or err} [os-error]", file=sys.stderr)
        return 5
    except KeyboardInterrupt:
        print(f"moroccodigital {args.command}: interrupted", file=sys.stderr)
        return 130


def _fail(args: argparse.Namespace, err: Error) -> int:
    print(f"moroccodigital {args.command}: {err} [{err.code}]", file=sys.stderr)
    return err.exit_code

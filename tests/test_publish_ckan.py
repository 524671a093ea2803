"""Publishing to CKAN: the mapping and the plan offline, then the real data to a real CKAN.

The integration tests publish a copy of the built data/ three times to the CKAN that
ckan/ckan_server.py starts (create; again with nothing changed; again after one table changed)
and check the result through CKAN's own API: the dataset's fields, one resource per file, each
download's sha256, and `package_search` within the organization.  The token must never appear
in anything printed, raised or logged.
"""

from __future__ import annotations

import hashlib
import html
import http.server
import json
import os
import secrets
import shutil
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ckan_site import Site, running_site
from helpers import ROOT

from moroccodigital.curation.texts import sha256_file
from moroccodigital.paths import DESCRIPTORS
from moroccodigital.publish.ckan import NotPermitted, PublishError, PublishReport, TokenRejected, publish_ckan
from moroccodigital.publish.ckan_fields import Licence, choose_licence, ckan_metadata
from moroccodigital.publish.ckan_plan import files_to_publish, plan_publication, validate_url

TOKEN_ENV = "MOROCCODIGITAL_TEST_CKAN_TOKEN"
SENTINEL = f"sentinel-token-{uuid.uuid4().hex}"
"""A fake token for the offline tests: it must never show up in their output either."""
DCAT_NS = "http://www.w3.org/ns/dcat#"
DCAT_COUNTRY = "http://publications.europa.eu/resource/authority/country/"


def _copy_data(target: Path, codebook: bool = False) -> Path:
    """A copy of the built data folder; with `codebook`, docs/codebook.md beside it, as in a checkout."""
    shutil.copytree(ROOT / "data", target)
    if codebook:
        (target.parent / "docs").mkdir()
        shutil.copy(ROOT / "docs" / "codebook.md", target.parent / "docs" / "codebook.md")
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rewrite_resource(data: Path, relative: str, content: bytes) -> None:
    """Replace a file and update its descriptor's hash (and bytes), as a rebuild would."""
    (data / relative).write_bytes(content)
    descriptor_path = data / ("csv/datapackage.json" if relative.startswith("csv/") else "datapackage.json")
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == Path(relative).name:
            resource["hash"] = f"sha256:{hashlib.sha256(content).hexdigest()}"
            if "bytes" in resource:
                resource["bytes"] = len(content)
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- offline: mapping, plan, validation --------------------------------------------------------


def test_importing_the_publisher_does_not_import_ckanapi() -> None:
    check = "import sys, moroccodigital.publish.ckan; assert 'ckanapi' not in sys.modules, 'ckanapi imported'"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_built_descriptor_maps_to_ckan_fields() -> None:
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    meta = ckan_metadata(descriptor, "moroccodigital")
    assert meta["name"] == "moroccodigital"
    assert meta["title"] == descriptor["title"]
    assert meta["notes"] == descriptor["description"]
    assert meta["license_id"] == "CC-BY-4.0"  # the portal's id for it is looked up when publishing
    assert meta["version"] == descriptor["version"]
    assert meta["url"] == descriptor.get("homepage", "")
    assert [t["name"] for t in meta["tags"]] == descriptor["keywords"]
    assert meta["author"] == meta["maintainer"] == "moroccodigital contributors"
    extras = {e["key"]: e["value"] for e in meta["extras"]}
    assert extras["datapackage_name"] == descriptor["name"]
    assert extras["created"] == descriptor["created"]
    assert "the article texts remain their publishers'" in extras["license_statement"]
    sources = [v for k, v in extras.items() if k.startswith("source_")]
    assert len(sources) == len(descriptor["sources"])
    assert all(s["title"] in v for s, v in zip(descriptor["sources"], sources, strict=True))


def test_spatial_uri_is_moroccos_one_uri_while_the_dcat_lists_every_country() -> None:
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    catalogue = json.loads((ROOT / "data" / "dcat.jsonld").read_text(encoding="utf-8"))
    extras = {e["key"]: e["value"] for e in ckan_metadata(descriptor, "m", catalogue)["extras"]}
    assert extras["spatial_uri"] == DCAT_COUNTRY + "MAR"
    assert DCAT_COUNTRY + "MAR" in catalogue["spatial"] and len(catalogue["spatial"]) > 1


def test_a_catalogue_without_morocco_sets_no_spatial_uri() -> None:
    catalogue = {"spatial": [DCAT_COUNTRY + "USA", DCAT_COUNTRY + "ESH"]}
    extras = {e["key"] for e in ckan_metadata({"title": "T"}, "t", catalogue)["extras"]}
    assert "spatial_uri" not in extras


def test_roles_emails_and_an_unknown_licence_are_mapped() -> None:
    descriptor = {
        "title": "T",
        "licenses": [{"name": "LicenseRef-custom"}],
        "contributors": [
            {"title": "Ann", "roles": ["creator"], "email": "ann@example.org"},
            {"title": "Bob", "roles": ["maintainer"]},
        ],
    }
    meta = ckan_metadata(descriptor, "t")
    assert (meta["license_id"], meta["author"], meta["author_email"]) == (
        "LicenseRef-custom",
        "Ann",
        "ann@example.org",
    )
    assert (meta["maintainer"], meta["maintainer_email"]) == ("Bob", "")


def test_a_keyword_that_is_not_a_ckan_tag_is_refused() -> None:
    with pytest.raises(PublishError, match="not a valid CKAN tag"):
        ckan_metadata({"keywords": ["a/b"]}, "t")


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("https://data.example.org/", "https://data.example.org"),
        ("https://data.example.org/ckan/", "https://data.example.org/ckan"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("http://localhost:5000/", "http://localhost:5000"),
    ],
)
def test_portal_urls_are_normalised(url: str, normalised: str) -> None:
    assert validate_url(url) == normalised


@pytest.mark.parametrize(
    "url",
    [
        "",
        "data.example.org",
        "ftp://data.example.org",
        "file:///etc/passwd",
        "http://data.example.org",  # the token would travel in clear text
        "https://user:secret@data.example.org",
        "https://data.example.org/?next=evil",
        "https://data.example.org/#x",
        "https://data.example.org:99999",
        "https://data.example.org/a b",
        "https://data.example.org\n/x",
    ],
)
def test_unsafe_or_malformed_portal_urls_are_refused(url: str) -> None:
    with pytest.raises(PublishError):
        validate_url(url)


@pytest.mark.parametrize("name", ["A", "Upper", "has space", "a/b", "../x", "x" * 101])
def test_names_that_ckan_would_refuse_are_refused_before_any_request(name: str) -> None:
    with pytest.raises(PublishError, match="not a CKAN name"):
        plan_publication("https://data.example.org", name, data_dir=ROOT / "data")
    with pytest.raises(PublishError, match="not a CKAN name"):
        plan_publication("https://data.example.org", "org", data_dir=ROOT / "data", dataset=name)


def test_every_parquet_and_csv_file_and_both_descriptors_are_planned() -> None:
    data = ROOT / "data"
    files = files_to_publish(data)
    names = [f.name for f in files]
    parquet = [r["path"] for r in json.loads((data / "datapackage.json").read_text())["resources"]]
    csv = [
        f"csv/{r['path']}" for r in json.loads((data / "csv" / "datapackage.json").read_text())["resources"]
    ]
    catalogue = ["croissant.json", "dcat.jsonld", "docs/codebook.md"]
    assert names == [*parquet, "datapackage.json", *csv, "csv/datapackage.json", *catalogue]
    assert all(f.sha256 == sha256_file(f.path) and f.size == f.path.stat().st_size for f in files)
    assert {f.format for f in files} == {"Parquet", "CSV", "JSON", "JSON-LD", "Markdown"}


def test_every_planned_file_has_a_human_title_and_description_from_its_descriptor() -> None:
    files = {f.name: f for f in files_to_publish(ROOT / "data")}
    for resource in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]:
        parquet, csv = files[resource["path"]], files[f"csv/{resource['name']}.csv"]
        assert (parquet.title, csv.title) == (f"{resource['title']} (Parquet)", f"{resource['title']} (CSV)")
        assert parquet.description == csv.description == resource["description"]
    assert all(f.title and f.description and f.title != f.name for f in files.values())
    assert len({f.title for f in files.values()}) == len(files)


def test_a_data_folder_without_a_codebook_beside_it_says_so_in_the_plan(tmp_path: Path) -> None:
    plan = plan_publication("https://data.example.org", "org", data_dir=_copy_data(tmp_path / "data"))
    assert "docs/codebook.md" not in [f.name for f in plan.files]
    assert "no codebook at" in plan.render()


CKAN_DEFAULT_LICENCES = [
    {"id": "cc-by", "title": "Creative Commons Attribution", "url": "http://www.opendefinition.org/licenses/cc-by"},
    {"id": "cc-by-sa", "title": "Creative Commons Attribution Share-Alike", "url": "http://www.opendefinition.org/licenses/cc-by-sa"},
    {"id": "odc-odbl", "title": "Open Data Commons Open Database License (ODbL)", "url": "http://www.opendefinition.org/licenses/odc-odbl"},
]  # fmt: skip
"""Entries of stock CKAN 2.12's licence list (ckan/model/license.py), which has no CC BY 4.0."""
CC_BY_4 = Licence(
    "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"
)


def test_the_portal_licence_is_found_by_its_address_whatever_its_id() -> None:
    portal = [
        *CKAN_DEFAULT_LICENCES,
        {"id": "cc-by/4.0", "url": "http://creativecommons.org/licenses/by/4.0/legalcode"},
    ]
    assert choose_licence(portal, CC_BY_4) == ("cc-by/4.0", None)


def test_a_portal_without_cc_by_4_0_gets_its_generic_licence_with_a_warning() -> None:
    chosen, warning = choose_licence(CKAN_DEFAULT_LICENCES, CC_BY_4)
    assert chosen == "cc-by"
    assert warning is not None and "has no CC-BY-4.0" in warning and "names no version" in warning


def test_article_texts_are_planned_only_when_asked() -> None:
    without = plan_publication("https://data.example.org", "org", data_dir=ROOT / "data")
    with_texts = plan_publication("https://data.example.org", "org", data_dir=ROOT / "data", with_texts=True)
    texts = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert not [f for f in without.files if f.name.startswith("texts/")]
    assert [f.name for f in with_texts.files if f.name.startswith("texts/")] == [f"texts/{t}" for t in texts]
    assert "not included" in without.render()


@pytest.mark.parametrize(
    "path", ["../outside.parquet", "/etc/hostname", "csv/../../outside.parquet", "https://x.org/a"]
)
def test_a_descriptor_path_leaving_the_data_folder_is_refused(tmp_path: Path, path: str) -> None:
    data = _copy_data(tmp_path / "data")
    (tmp_path / "outside.parquet").write_bytes(b"not yours")
    descriptor = json.loads((data / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = path
    (data / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(PublishError, match="leaves the data folder"):
        files_to_publish(data)


def test_a_symlink_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path / "data")
    first = json.loads((data / "datapackage.json").read_text())["resources"][0]["path"]
    outside = tmp_path / "elsewhere.parquet"
    shutil.move(data / first, outside)
    (data / first).symlink_to(outside)
    with pytest.raises(PublishError, match="resolves outside"):
        files_to_publish(data)


def test_a_file_that_differs_from_its_descriptor_is_refused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path / "data")
    with (data / "csv" / "events.csv").open("ab") as handle:
        handle.write(b"\n")
    with pytest.raises(PublishError, match=r"csv/events\.csv: its sha256 differs"):
        files_to_publish(data)


def test_dry_run_prints_the_plan_without_network_or_token(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a dry run opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    report = publish_ckan(
        "https://data.example.org", "some-org", data_dir=ROOT / "data", dry_run=True, token_env=TOKEN_ENV
    )
    text = str(report)
    assert report.dry_run and not report.uploaded
    assert f"${TOKEN_ENV} (set)" in text
    assert all(f.name in text and f.sha256 in text for f in report.plan.files)
    assert SENTINEL not in text


def test_the_plan_says_the_dcat_uploaded_is_written_with_the_portals_addresses() -> None:
    plan = plan_publication("https://data.example.org", "demo", data_dir=ROOT / "data")
    (note,) = [n for n in plan.notes if n.startswith("dcat.jsonld:")]
    assert "each file's address there as its downloadURL" in note and "committed file's" in note


def test_cli_dry_run_never_prints_the_token() -> None:
    env = {**os.environ, TOKEN_ENV: SENTINEL}
    args = ["--url", "https://data.example.org", "--org", "some-org", "--data", str(ROOT / "data")]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "moroccodigital",
            "publish",
            "ckan",
            *args,
            "--dry-run",
            "--token-env",
            TOKEN_ENV,
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Publish plan" in result.stdout
    assert SENTINEL not in result.stdout + result.stderr


def test_without_a_token_the_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with pytest.raises(PublishError, match=TOKEN_ENV):
        publish_ckan("https://data.example.org", "some-org", data_dir=ROOT / "data", token_env=TOKEN_ENV)


def test_a_token_with_control_characters_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TOKEN_ENV, f"{SENTINEL}\x07x")
    with pytest.raises(PublishError) as caught:
        publish_ckan("https://data.example.org", "some-org", data_dir=ROOT / "data", token_env=TOKEN_ENV)
    assert SENTINEL not in str(caught.value)


def test_refused_connections_are_retried_then_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    steps: list[str] = []
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    with pytest.raises(PublishError) as caught:
        publish_ckan(
            url,
            "org",
            data_dir=ROOT / "data",
            token_env=TOKEN_ENV,
            retries=3,
            backoff=0.01,
            progress=steps.append,
        )
    message = str(caught.value)
    assert "checking the API token" in message and "gave up after 3 attempts" in message
    assert "already uploaded: nothing" in message
    assert sum("retrying" in s for s in steps) == 2
    assert SENTINEL not in message + "".join(steps)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_5xx_answers_are_retried_with_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    hits: list[str] = []

    class Unavailable(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(503)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: Any) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Unavailable)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    try:
        with pytest.raises(PublishError, match="HTTP 503") as caught:
            publish_ckan(
                f"http://127.0.0.1:{server.server_address[1]}", "org", data_dir=ROOT / "data",
                token_env=TOKEN_ENV, retries=3, backoff=0.01,
            )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert len(hits) == 3 and all("am_following_group" in h for h in hits)
    assert SENTINEL not in str(caught.value)


# --- against small local servers: echoed tokens, malformed answers, trickling answers ----------

ECHO_TOKEN = (
    "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(60)) + "'\"\\/%&+<a=b"
)
"""72 characters with quotes, a backslash and characters that URL, JSON and HTML encodings change."""


def _echo_forms(token: str) -> list[str]:
    """The forms a server or a library may print a token in, worked out here independently."""
    return [
        token,
        token.replace("\\", "\\\\").replace("'", "\\'"),
        json.dumps(token)[1:-1],
        json.dumps(token)[1:-1].replace("\\", "\\\\"),
        urllib.parse.quote(token, safe=""),
        urllib.parse.quote_plus(token),
        html.escape(token),
    ]


def _leaked(token: str, text: str, window: int = 8) -> list[str]:
    """Every `window`-character piece of any form of the token that `text` contains."""
    return sorted(
        {f[i : i + window] for f in _echo_forms(token) for i in range(len(f) - window + 1)}
        & _pieces(text, window)
    )


def _pieces(text: str, window: int) -> set[str]:
    return {text[i : i + window] for i in range(len(text) - window + 1)}


Answer = tuple[int, str, bytes]
"""HTTP status, content type and body of one answer of a fake portal."""


@contextmanager
def fake_portal(answer: Callable[[str, str], Answer], trickle: str = "", every: float = 0.0) -> Iterator[str]:
    """A tiny HTTP server on 127.0.0.1 whose answer to each action is `answer(action, token)`.

    With `trickle` ("status" or "body") it sends that part of each answer one byte at a time,
    `every` seconds apart, until the client hangs up or the server stops.
    """
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            action = urllib.parse.urlsplit(self.path).path.rsplit("/", 1)[-1]
            status, kind, body = answer(action, self.headers.get("Authorization", ""))
            head = (
                f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode()
            slow = head if trickle == "status" else body if trickle == "body" else b""
            fast = body if trickle == "status" else head if trickle == "body" else head + body
            try:
                if trickle == "body":
                    self.wfile.write(fast)
                for byte in slow:
                    if stop.wait(every):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                if trickle != "body":
                    self.wfile.write(fast)
            except OSError:  # the client gave up
                return

        do_GET = do_POST = _answer

        def log_message(self, *args: Any) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def _ckan_json(result: Any) -> Answer:
    return 200, "application/json", json.dumps({"success": True, "result": result}).encode()


def _portal_of(org: str, **answers: Answer) -> Callable[[str, str], Answer]:
    """A portal that accepts any token, lets it edit `org`, and answers `answers` where given."""
    usual = {
        "am_following_group": _ckan_json(False),
        "organization_list_for_user": _ckan_json([{"name": org}]),
        "license_list": _ckan_json(CKAN_DEFAULT_LICENCES),
        "status_show": _ckan_json({"extensions": []}),
    }

    def answer(action: str, token: str) -> Answer:
        return {**usual, **answers}.get(action, (404, "text/plain", b"no such action"))

    return answer


def _echoing(kind: str) -> Callable[[str, str], Answer]:
    """A portal that answers package_show (or _create) with an error that repeats the token it got.

    The text is every form of the token back to back, many times over, so that wherever a
    message is cut, the cut falls inside one of them.
    """

    absent = (404, "application/json", b'{"success": false, "error": {"__type": "Not Found Error"}}')
    usual = _portal_of("org", package_show=absent)
    echoing = "package_create" if kind == "not-found" else "package_show"

    def answer(action: str, token: str) -> Answer:
        if action != echoing:
            return usual(action, token)
        echoed = "".join(_echo_forms(token)) * 12
        if kind == "html":
            return 400, "text/html", f"<html><body><p>Bad token {echoed}</p></body></html>".encode()
        error: dict[str, Any] = {
            "unknown-error": {"__type": "Integrity Error", "message": echoed},
            "validation": {"__type": "Validation Error", "token": [echoed]},
            "not-found": {"__type": "Not Found Error", "message": f"Not found: {echoed}"},
        }[kind]
        status = {"unknown-error": 400, "validation": 409, "not-found": 404}[kind]
        return status, "application/json", json.dumps({"success": False, "error": error}).encode()

    return answer


@pytest.mark.parametrize("kind", ["html", "unknown-error", "validation", "not-found"])
def test_a_token_the_portal_echoes_is_redacted_in_every_form_before_the_message_is_cut(
    monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setenv(TOKEN_ENV, ECHO_TOKEN)
    steps: list[str] = []
    with fake_portal(_echoing(kind)) as url, pytest.raises(PublishError) as caught:
        publish_ckan(
            url, "org", data_dir=ROOT / "data", token_env=TOKEN_ENV, backoff=0.01, progress=steps.append
        )
    printed = str(caught.value) + "".join(steps)
    assert "[token]" in printed
    assert _leaked(ECHO_TOKEN, printed) == []


def test_an_unknown_token_is_told_apart_from_missing_rights(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = (403, "application/json", b'{"success": false, "error": {"__type": "Authorization Error"}}')
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    with (
        fake_portal(_portal_of("org", am_following_group=refused)) as url,
        pytest.raises(TokenRejected) as bad,
    ):
        publish_ckan(url, "org", data_dir=ROOT / "data", token_env=TOKEN_ENV)
    with fake_portal(_portal_of("another-org")) as url, pytest.raises(NotPermitted) as weak:
        publish_ckan(url, "org", data_dir=ROOT / "data", token_env=TOKEN_ENV)
    assert "does not accept the API token" in str(bad.value)
    assert "may not create or update datasets in organization 'org'" in str(weak.value)
    assert (bad.value.exit_code, weak.value.exit_code) == (7, 8)


@pytest.mark.parametrize("token", ["abc\u20acdef", "\u0645\u0641\u062a\u0627\u062d-token", "caf\u00e9"])
def test_a_token_outside_printable_ascii_gets_a_one_line_message(token: str) -> None:
    command = [
        sys.executable,
        "-m",
        "moroccodigital",
        "publish",
        "ckan",
        "--url",
        f"http://127.0.0.1:{_free_port()}",
    ]
    command += ["--org", "org", "--data", str(ROOT / "data"), "--token-env", TOKEN_ENV]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, TOKEN_ENV: token, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 7, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "copy it again" in result.stderr and token not in result.stderr


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ((200, "text/html", b"<html><body>Welcome to our portal</body></html>"), "is not CKAN's JSON"),
        ((200, "application/json", b'{"success": true, "result": {"id": "x", "resou'), "is not CKAN's JSON"),
        ((200, "application/json", b'{"success": true}'), "is not CKAN's JSON"),
        ((200, "application/json", b'["success", true]'), "is not CKAN's JSON"),
        (_ckan_json([]), "package_show is not a dataset"),
        (_ckan_json({"id": "x", "resources": "none"}), "package_show is not a dataset"),
        (_ckan_json({"id": "x", "organization": "org", "resources": []}), "package_show is not a dataset"),
        (_ckan_json({"id": "x", "resources": [{"name": "a"}]}), "package_show is not a dataset"),
    ],
    ids=["html", "truncated-json", "no-result", "json-list", "list", "resources-text", "org-text", "no-id"],
)
def test_a_malformed_answer_stops_with_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, answer: Answer, says: str
) -> None:
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    with fake_portal(_portal_of("org", package_show=answer)) as url, pytest.raises(PublishError) as caught:
        publish_ckan(url, "org", data_dir=ROOT / "data", token_env=TOKEN_ENV, backoff=0.01)
    first_line = str(caught.value).splitlines()[0]
    assert "failed while looking the dataset up" in first_line and says in first_line


def _publish_in_time(seconds: float, **kwargs: Any) -> BaseException | None:
    """Run publish_ckan in a thread and return what it raised, failing if it is still running."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            publish_ckan(**kwargs)
            outcome.append(None)
        except BaseException as err:  # handed to the test
            outcome.append(err)

    worker = threading.Thread(target=run, daemon=True)
    began = time.monotonic()
    worker.start()
    worker.join(seconds)
    assert outcome, f"publish_ckan was still running after {time.monotonic() - began:.0f} s"
    return outcome[0]


@pytest.mark.parametrize("trickle", ["status", "body"])
def test_a_trickling_portal_meets_the_request_deadline_and_each_retry_too(
    monkeypatch: pytest.MonkeyPatch, trickle: str
) -> None:
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    steps: list[str] = []
    with fake_portal(_portal_of("org"), trickle=trickle, every=0.1) as url:
        began = time.monotonic()
        err = _publish_in_time(
            30, url=url, org="org", data_dir=ROOT / "data", token_env=TOKEN_ENV, retries=2, backoff=0.01,
            request_deadline=0.5, run_deadline=20, progress=steps.append,
        )  # fmt: skip
        took = time.monotonic() - began
    assert isinstance(err, PublishError)
    assert "request deadline of 0.5 s" in str(err) and "gave up after 2 attempts" in str(err)
    assert sum("retrying" in s for s in steps) == 1
    assert took < 2 * 0.5 + 2


def test_a_trickling_portal_meets_the_run_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, SENTINEL)
    with fake_portal(_portal_of("org"), trickle="body", every=0.1) as url:
        began = time.monotonic()
        err = _publish_in_time(
            30, url=url, org="org", data_dir=ROOT / "data", token_env=TOKEN_ENV, retries=100, backoff=0.01,
            request_deadline=0.4, run_deadline=1.5,
        )  # fmt: skip
        took = time.monotonic() - began
    assert isinstance(err, PublishError)
    assert "deadline of 1.5 s" in str(err)
    assert took < 1.5 + 2


def test_cli_deadlines_are_set_on_the_command_line() -> None:
    with fake_portal(_portal_of("org"), trickle="status", every=0.1) as url:
        command = [sys.executable, "-m", "moroccodigital", "publish", "ckan", "--url", url, "--org", "org"]
        command += ["--data", str(ROOT / "data"), "--token-env", TOKEN_ENV]
        command += ["--request-deadline", "0.3", "--run-deadline", "1"]
        result = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, TOKEN_ENV: SENTINEL}, timeout=60
        )
    assert result.returncode == 6
    assert "deadline of 1 s" in result.stderr and "Traceback" not in result.stderr


# --- against a real CKAN -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


@pytest.fixture(scope="module")
def token(site: Site) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TOKEN_ENV, site.token)
        yield site.token


@pytest.fixture(scope="module")
def org(site: Site) -> str:
    name = f"md-{uuid.uuid4().hex[:10]}"
    site.api().action.organization_create(name=name, title="moroccodigital publishing tests")
    return name


@dataclass
class Round:
    """One publication and what CKAN's API showed right after it."""

    report: PublishReport
    package: dict[str, Any]
    progress: list[str]

    def resources(self) -> dict[str, dict[str, Any]]:
        """The resources by their path in the data folder."""
        return {r["path"]: r for r in self.package["resources"]}


@pytest.fixture(scope="module")
def rounds(site: Site, token: str, org: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Round]:
    """Publish the built data, publish again, change one table and publish a third time."""
    data = _copy_data(tmp_path_factory.mktemp("publish") / "data", codebook=True)
    dataset = f"moroccodigital-{uuid.uuid4().hex[:8]}"

    def publish() -> Round:
        steps: list[str] = []
        report = publish_ckan(
            site.url, org, data_dir=data, dataset=dataset, token_env=TOKEN_ENV, progress=steps.append
        )
        return Round(report, site.api().action.package_show(id=dataset), steps)

    done = {"first": publish(), "second": publish()}
    events = (data / "csv" / "events.csv").read_bytes()
    _rewrite_resource(data, "csv/events.csv", events.replace(b"\n", b"\r\n", 1))
    done["third"] = publish()
    return done


def _download_sha256(url: str) -> str:
    import requests

    response = requests.get(url, timeout=60)
    response.raise_for_status()
    return hashlib.sha256(response.content).hexdigest()


def test_first_publication_creates_the_dataset_and_uploads_every_file(rounds: dict[str, Round]) -> None:
    first = rounds["first"]
    planned = [f.name for f in first.report.plan.files]
    assert first.report.created
    assert first.report.uploaded == planned
    assert first.report.verified == planned
    assert not [n for n in first.resources() if n.startswith("texts/")]


def test_dataset_fields_come_from_the_data_package(rounds: dict[str, Round], org: str) -> None:
    package = rounds["first"].package
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["organization"]["name"] == org
    assert (package["title"], package["notes"]) == (descriptor["title"], descriptor["description"])
    assert package["version"] == descriptor["version"]
    assert package["author"] == package["maintainer"] == "moroccodigital contributors"
    assert sorted(t["name"] for t in package["tags"]) == sorted(descriptor["keywords"])
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["source_1"].startswith(descriptor["sources"][0]["title"])
    assert extras["datapackage_profile"] == descriptor["$schema"]


def test_each_resource_downloads_with_the_sha256_of_its_file(rounds: dict[str, Round]) -> None:
    first = rounds["first"]
    assert len(first.package["resources"]) == len(first.report.files)
    resources = first.resources()
    for item in first.report.files:
        resource = resources[item.name]
        assert resource["url_type"] == "upload"
        assert resource["sha256"] == item.sha256 and resource["hash"] == f"sha256:{item.sha256}"
        assert (resource["format"], resource["size"]) == (item.format, item.size)


def test_downloads_from_ckan_match_the_local_files(rounds: dict[str, Round]) -> None:
    last = rounds["third"]
    resources = last.resources()
    for item in last.report.files:
        assert _download_sha256(resources[item.name]["url"]) == item.sha256, item.name


def test_publishing_again_uploads_nothing_and_duplicates_nothing(rounds: dict[str, Round]) -> None:
    first, second = rounds["first"], rounds["second"]
    assert not second.report.created and not second.report.metadata_updated
    assert second.report.uploaded == []
    assert second.report.unchanged == [f.name for f in second.report.plan.files]
    assert len(second.package["resources"]) == len(first.package["resources"])
    assert [(r["id"], r["last_modified"]) for r in second.package["resources"]] == [
        (r["id"], r["last_modified"]) for r in first.package["resources"]
    ]


def test_a_changed_file_is_replaced_in_place(rounds: dict[str, Round]) -> None:
    second, third = rounds["second"], rounds["third"]
    # the DCAT states each file's sha256 and size, so it changes with the table
    assert third.report.uploaded == ["csv/events.csv", "csv/datapackage.json", "dcat.jsonld"]
    assert third.report.restored == []  # what the package changed is no edit to report
    assert [r["id"] for r in third.package["resources"]] == [r["id"] for r in second.package["resources"]]
    before, after = second.resources(), third.resources()
    changed = {f.name: f for f in third.report.files if f.name in third.report.uploaded}
    for name, item in changed.items():
        assert after[name]["sha256"] == item.sha256 != before[name]["sha256"]
        assert _download_sha256(after[name]["url"]) == item.sha256
    untouched = set(before) - set(changed)
    assert all(after[n]["last_modified"] == before[n]["last_modified"] for n in untouched)


def test_the_dataset_is_found_by_package_search_in_its_organization(
    site: Site, rounds: dict[str, Round], org: str
) -> None:
    found = site.api(token=False).action.package_search(fq=f"organization:{org}")
    assert [d["name"] for d in found["results"]] == [rounds["third"].package["name"]]
    assert found["results"][0]["num_resources"] == len(rounds["third"].report.plan.files)


def test_every_resource_has_the_human_title_and_description_of_its_table(
    site: Site, rounds: dict[str, Round]
) -> None:
    resources = rounds["first"].resources()
    for table in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]:
        for path, kind in ((table["path"], "Parquet"), (f"csv/{table['name']}.csv", "CSV")):
            shown = site.api(token=False).action.resource_show(id=resources[path]["id"])
            assert (shown["name"], shown["description"]) == (
                f"{table['title']} ({kind})",
                table["description"],
            )
    assert not [r for r in resources.values() if r["name"] == r["path"] or not r["description"]]


def test_the_catalogue_files_and_the_codebook_are_resources(rounds: dict[str, Round]) -> None:
    resources = rounds["first"].resources()
    expected = {"croissant.json": "JSON", "dcat.jsonld": "JSON-LD", "docs/codebook.md": "Markdown"}
    assert {path: resources[path]["format"] for path in expected} == expected
    assert resources["docs/codebook.md"]["sha256"] == sha256_file(ROOT / "docs" / "codebook.md")


def _portal_dcat(round_: Round) -> Any:
    """The dcat.jsonld resource as a harvester gets it: downloaded anonymously, parsed by rdflib."""
    import requests
    from rdflib import Graph

    response = requests.get(round_.resources()["dcat.jsonld"]["url"], timeout=60)
    response.raise_for_status()
    return Graph().parse(data=response.text, format="json-ld")


def test_the_portals_dcat_gives_every_file_its_portal_address_which_serves_that_file(
    rounds: dict[str, Round],
) -> None:
    import requests
    from rdflib import RDF, URIRef
    from rdflib.namespace import DCTERMS

    last = rounds["third"]
    graph = _portal_dcat(last)
    (dataset,) = graph.subjects(RDF.type, URIRef(DCAT_NS + "Dataset"))
    assert graph.value(dataset, URIRef(DCAT_NS + "landingPage")) == URIRef(last.report.dataset_url)
    distributions = list(graph.objects(dataset, URIRef(DCAT_NS + "distribution")))
    data = last.report.plan.data_dir
    described = [p for p in last.resources() if (data / p).is_file() and p.endswith((".parquet", ".csv"))]
    assert sorted(str(graph.value(d, DCTERMS.identifier)) for d in distributions) == sorted(described)
    for dist in distributions:
        path = str(graph.value(dist, DCTERMS.identifier))
        (url,) = graph.objects(dist, URIRef(DCAT_NS + "downloadURL"))
        assert dist == url == graph.value(dist, URIRef(DCAT_NS + "accessURL"))
        assert urllib.parse.urlsplit(str(url)).scheme in ("http", "https") and str(url).startswith(
            last.report.plan.url + "/"
        )
        assert str(url) == last.resources()[path]["url"]
        response = requests.get(str(url), timeout=60)
        assert response.status_code == 200, path
        assert hashlib.sha256(response.content).hexdigest() == sha256_file(data / path), path


def test_the_portals_dcat_is_uploaded_again_only_when_it_changed(rounds: dict[str, Round]) -> None:
    first, second, third = (rounds[n].report for n in ("first", "second", "third"))
    assert first.dcat is not None and second.dcat is not None and third.dcat is not None
    assert "dcat.jsonld" in first.uploaded and "dcat.jsonld" in second.unchanged
    assert first.dcat.sha256 == second.dcat.sha256 != third.dcat.sha256
    assert first.dcat.sha256 != sha256_file(ROOT / "data" / "dcat.jsonld")  # not the committed file
    assert third.dcat_addresses == len(
        json.loads((ROOT / "data" / "dcat.jsonld").read_text())["distribution"]
    )
    for report, state in ((first, "uploaded"), (second, "unchanged on the portal")):
        assert f"dcat:      dcat.jsonld giving {report.dcat_addresses} files" in str(report)
        assert f"(sha256:{first.dcat.sha256}, {state})" in str(report)


@pytest.fixture(scope="module")
def without_datastore(site: Site, token: str, org: str) -> str:
    """A dataset published with the DataStore turned off, as on a portal that lacks it."""
    dataset = f"no-datastore-{uuid.uuid4().hex[:8]}"
    report = publish_ckan(
        site.url, org, data_dir=ROOT / "data", dataset=dataset, token_env=TOKEN_ENV, datastore=False
    )
    assert report.loaded == []
    return dataset


def test_without_the_datastore_every_table_resource_carries_its_table_schema(
    site: Site, without_datastore: str
) -> None:
    shown = site.api(token=False).action.package_show(id=without_datastore)
    resources = {r["path"]: r for r in shown["resources"]}
    assert not [r for r in resources.values() if r.get("datastore_active")]
    for name in DESCRIPTORS:
        descriptor = json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))
        folder = "csv/" if name.startswith("csv/") else ""
        for table in descriptor["resources"]:
            resource = site.api(token=False).action.resource_show(id=resources[folder + table["path"]]["id"])
            assert json.loads(resource["schema"]) == table["schema"], table["path"]


def test_each_csv_table_is_in_the_datastore_with_its_data_dictionary(
    site: Site, rounds: dict[str, Round]
) -> None:
    import pyarrow.parquet as pq

    resources = rounds["first"].resources()
    tables = json.loads((ROOT / "data" / "csv" / "datapackage.json").read_text())["resources"]
    assert not [r for r in resources.values() if "schema" in r]  # the DataStore holds the dictionary
    assert sorted(rounds["first"].report.loaded) == sorted(f"csv/{t['path']}" for t in tables)
    for table in tables:
        stored = site.api(token=False).action.datastore_search(
            resource_id=resources[f"csv/{table['path']}"]["id"], limit=0
        )
        assert stored["total"] == pq.read_metadata(ROOT / "data" / f"{table['name']}.parquet").num_rows
        columns = {f["id"]: f for f in stored["fields"] if f["id"] != "_id"}
        assert list(columns) == [f["name"] for f in table["schema"]["fields"]]
        for spec in table["schema"]["fields"]:
            info = columns[spec["name"]]["info"]
            assert info["notes"].startswith(spec["description"]) and info["frictionless_type"] == spec["type"]
            enum = spec.get("constraints", {}).get("enum")
            assert [v["value"] for v in info.get("vocabulary", [])] == (enum or [])
            assert all(f"`{value}`" in info["notes"] for value in enum or [])


def test_the_datastore_is_loaded_again_only_for_a_changed_table(rounds: dict[str, Round]) -> None:
    assert rounds["second"].report.loaded == []
    assert rounds["third"].report.loaded == ["csv/events.csv"]


def test_the_arabic_title_and_description_are_found_by_an_arabic_search(
    site: Site, rounds: dict[str, Round], org: str
) -> None:
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    extras = {e["key"]: e["value"] for e in rounds["first"].package["extras"]}
    assert (extras["title_ar"], extras["notes_ar"]) == (descriptor["title_ar"], descriptor["description_ar"])
    for words in ("التحول الرقمي", "التعاون التكنولوجي", "مقالات إخبارية"):
        found = site.api(token=False).action.package_search(q=words, fq=f"organization:{org}")
        assert rounds["first"].package["name"] in [d["name"] for d in found["results"]], words
    absent = site.api(token=False).action.package_search(q="الطماطم", fq=f"organization:{org}")
    assert absent["count"] == 0  # a word of none of its fields finds nothing


def test_coverage_languages_and_contact_are_those_of_the_dcat_record(rounds: dict[str, Round]) -> None:
    catalogue = json.loads((ROOT / "data" / "dcat.jsonld").read_text(encoding="utf-8"))
    extras = {e["key"]: e["value"] for e in rounds["first"].package["extras"]}
    assert (extras["temporal_start"], extras["temporal_end"]) == (
        catalogue["temporal"]["startDate"],
        catalogue["temporal"]["endDate"],
    )
    assert extras["spatial_uri"] == DCAT_COUNTRY + "MAR" and extras["spatial_uri"] in catalogue["spatial"]
    assert extras["language"].split() == catalogue["language"]
    assert extras["contact_name"] == catalogue["contactPoint"][0]["fn"]


def test_the_licence_is_the_portals_cc_by_4_0(site: Site, rounds: dict[str, Round]) -> None:
    offered = {lic["id"]: lic for lic in site.api(token=False).action.license_list()}
    package = rounds["first"].package
    assert offered[package["license_id"]]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert (
        package["license_title"] == offered[package["license_id"]]["title"] != "Creative Commons Attribution"
    )
    assert rounds["first"].report.warnings == []


def test_an_edit_on_the_portal_is_set_back_and_named_in_the_report(
    site: Site, org: str, without_datastore: str
) -> None:
    dataset = without_datastore
    common: dict[str, Any] = {"data_dir": ROOT / "data", "dataset": dataset, "token_env": TOKEN_ENV}
    common["datastore"] = False
    events = next(
        r for r in site.api().action.package_show(id=dataset)["resources"] if r["path"] == "events.parquet"
    )
    site.api().action.package_patch(id=dataset, title="Retitled by hand")
    site.api().action.resource_patch(id=events["id"], description="Described by hand")
    again = publish_ckan(site.url, org, **common)
    assert again.restored == [f"dataset {dataset}: title", "resource events.parquet: description"]
    assert all(line in str(again) for line in again.restored)
    shown = site.api().action.package_show(id=dataset)
    assert shown["title"] == json.loads((ROOT / "data" / "datapackage.json").read_text())["title"]
    assert (
        next(r for r in shown["resources"] if r["path"] == "events.parquet")["description"]
        != "Described by hand"
    )


def test_the_token_reaches_no_output_and_no_log(site: Site, rounds: dict[str, Round], token: str) -> None:
    printed = "".join(s for r in rounds.values() for s in [*r.progress, str(r.report)])
    assert token not in printed
    assert token not in site.log_text()


def test_cli_publishes_and_never_prints_the_token(site: Site, token: str, org: str, tmp_path: Path) -> None:
    data = _copy_data(tmp_path / "data")
    dataset = f"cli-{uuid.uuid4().hex[:8]}"

    def cli(organization: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "moroccodigital", "publish", "ckan", "--url", site.url, "--org"]
        command += [organization, "--dataset", dataset, "--data", str(data), "--token-env", TOKEN_ENV]
        command += ["--no-datastore"]
        return subprocess.run(command, capture_output=True, text=True, env={**os.environ, TOKEN_ENV: token})

    published = cli(org)
    assert published.returncode == 0, published.stderr
    assert f"/dataset/{dataset}: dataset created" in published.stdout
    refused = cli("no-such-org")
    assert refused.returncode == 6
    assert "publish: publishing to" in refused.stderr and "no-such-org" in refused.stderr
    assert "Traceback" not in refused.stderr
    for run in (published, refused):
        assert token not in run.stdout + run.stderr
    shown = site.api().action.package_show(id=dataset)
    assert all("schema" in r for r in shown["resources"] if r["format"] in ("CSV", "Parquet"))


def test_texts_are_uploaded_when_asked_and_removed_when_dropped(site: Site, token: str, org: str) -> None:
    dataset = f"texts-{uuid.uuid4().hex[:8]}"
    common: dict[str, Any] = {"data_dir": ROOT / "data", "dataset": dataset, "token_env": TOKEN_ENV}
    common["datastore"] = False
    with_texts = publish_ckan(site.url, org, with_texts=True, **common)
    texts = [f.name for f in with_texts.plan.files if f.name.startswith("texts/")]
    assert len(texts) == len(list((ROOT / "seeds").glob("*.txt"))) and set(texts) <= set(with_texts.verified)
    without = publish_ckan(site.url, org, **common)
    assert without.removed == texts and without.uploaded == []
    names = {r["path"] for r in site.api().action.package_show(id=dataset)["resources"]}
    assert names == {f.name for f in without.plan.files}


def test_a_dataset_of_another_organization_is_not_taken_over(
    site: Site, token: str, rounds: dict[str, Round]
) -> None:
    other = f"other-{uuid.uuid4().hex[:8]}"
    site.api().action.organization_create(name=other)
    dataset = rounds["third"].package["name"]
    with pytest.raises(PublishError, match=r"already exists .* in organization"):
        publish_ckan(site.url, other, data_dir=ROOT / "data", dataset=dataset, token_env=TOKEN_ENV)


def test_a_refused_upload_names_what_was_already_uploaded(
    site: Site, token: str, org: str, tmp_path: Path
) -> None:
    data = _copy_data(tmp_path / "data")
    big = os.urandom(11 * 1024 * 1024)  # over CKAN's stock 10 MB ckan.max_resource_size
    (data / "csv" / "zz_big.csv").write_bytes(big)
    original = (data / "csv" / "datapackage.json").read_text()
    descriptor = json.loads(original)
    descriptor["resources"].append(
        {"name": "zz_big", "path": "zz_big.csv", "hash": f"sha256:{hashlib.sha256(big).hexdigest()}"}
    )
    (data / "csv" / "datapackage.json").write_text(json.dumps(descriptor))
    dataset = f"big-{uuid.uuid4().hex[:8]}"
    with pytest.raises(PublishError) as caught:
        publish_ckan(
            site.url, org, data_dir=data, dataset=dataset, token_env=TOKEN_ENV, backoff=0.01, datastore=False
        )
    message = str(caught.value)
    assert "publishing csv/zz_big.csv" in message
    assert "already uploaded: sources.parquet, " in message and "csv/evidence.csv" in message
    assert token not in message
    # The same command without the refused file resumes: what was uploaded is not sent again.
    (data / "csv" / "datapackage.json").write_text(original)
    resumed = publish_ckan(
        site.url, org, data_dir=data, dataset=dataset, token_env=TOKEN_ENV, datastore=False
    )
    assert resumed.uploaded == ["csv/datapackage.json", "croissant.json", "dcat.jsonld"]


def _cli_publish(site: Site, org: str, dataset: str, token: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "moroccodigital", "publish", "ckan", "--url", site.url, "--org", org]
    command += [
        "--dataset",
        dataset,
        "--data",
        str(ROOT / "data"),
        "--token-env",
        TOKEN_ENV,
        "--no-datastore",
    ]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, TOKEN_ENV: token})


def test_an_unknown_token_is_refused_even_when_nothing_needs_sending(
    site: Site, token: str, org: str
) -> None:
    dataset = f"unchanged-{uuid.uuid4().hex[:8]}"
    assert _cli_publish(site, org, dataset, token).returncode == 0
    unknown = f"{token[:-8]}{'A' * 8}" if not token.endswith("A" * 8) else f"{token[:-8]}{'B' * 8}"
    refused = _cli_publish(site, org, dataset, unknown)
    assert refused.returncode == 7, refused.stdout + refused.stderr
    assert "does not accept the API token" in refused.stderr and "verified" not in refused.stdout
    assert unknown not in refused.stderr and "Traceback" not in refused.stderr


def test_a_token_without_editor_rights_is_told_apart_from_an_unknown_one(
    site: Site, token: str, org: str
) -> None:
    dataset = f"rights-{uuid.uuid4().hex[:8]}"
    assert _cli_publish(site, org, dataset, token).returncode == 0
    user = f"reader-{uuid.uuid4().hex[:8]}"
    site.api().action.user_create(
        name=user, email=f"{user}@example.invalid", password=secrets.token_urlsafe(16)
    )
    reader = site.api().action.api_token_create(user=user, name="tests")["token"]
    refused = _cli_publish(site, org, dataset, reader)
    assert refused.returncode == 8, refused.stdout + refused.stderr
    assert f"may not create or update datasets in organization '{org}'" in refused.stderr
    assert reader not in refused.stderr and "Traceback" not in refused.stderr

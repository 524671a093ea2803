"""The explorer under attack and misuse: foreign Host headers, writing methods, costly or broken searches.

Through Datasette's own test client (the whole ASGI app, plugin hooks included) and, for what only
a listening server shows, a real `moroccodigital serve` on a free loopback port.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import explore_server
import httpx
import pytest
from datasette.app import Datasette
from datasette.database import QueryInterrupted  # type: ignore[import-untyped]

from moroccodigital.explore import app as explore
from moroccodigital.explore import plugin as explore_plugin
from moroccodigital.explore.app import export_sqlite, make_datasette

DB = explore.DATABASE
URL_LINE = re.compile(r"moroccodigital explorer: http://127\.0\.0\.1:(\d+)/")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_sqlite(tmp_path_factory.mktemp("export") / f"{DB}.db")


def _started(instance: Datasette) -> Datasette:
    asyncio.run(instance.invoke_startup())
    return instance


@pytest.fixture(scope="module")
def datasette(exported: Path) -> Datasette:
    return _started(make_datasette(exported))


def fetch(instance: Datasette, path: str, method: str = "GET", **headers: str) -> httpx.Response:
    response: httpx.Response = asyncio.run(instance.client.request(method, path, headers=headers))
    return response


@pytest.mark.parametrize(
    "host",
    ["attacker.example", "attacker.example:8001", "localhost.attacker.example", "127.0.0.1.nip.io:8001"],
)
def test_a_request_for_a_foreign_host_is_refused(datasette: Datasette, host: str) -> None:
    answer = fetch(datasette, f"/{DB}/events.json", host=host)
    assert answer.status_code == 400
    assert "answers only to its own host name" in answer.text and "event_id" not in answer.text


@pytest.mark.parametrize("host", ["localhost", "localhost:8001", "127.0.0.1:8001", "[::1]:8001", "LOCALHOST"])
def test_a_request_for_a_loopback_host_is_answered(datasette: Datasette, host: str) -> None:
    assert fetch(datasette, f"/{DB}/events.json", host=host).status_code == 200


def test_a_configured_host_is_answered_besides_the_loopback_names(exported: Path) -> None:
    instance = _started(make_datasette(exported, allowed_hosts=("Explorer.Example.org",)))
    assert fetch(instance, f"/{DB}/events.json", host="explorer.example.org:443").status_code == 200
    assert fetch(instance, f"/{DB}/events.json", host="localhost").status_code == 200
    assert fetch(instance, f"/{DB}/events.json", host="other.example.org").status_code == 400


@pytest.mark.parametrize("path", ["/nope", f"/{DB}/nope", f"/{DB}/events", f"/{DB}", f"/{DB}/events/x"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_writing_methods_get_a_4xx_on_any_route(datasette: Datasette, path: str, method: str) -> None:
    answer = fetch(datasette, path, method=method)
    assert answer.status_code == 405, answer.text[:200]
    assert answer.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("search", "mode"),
    [
        ('"', ""),
        ('"', "raw"),
        ('a"b', "raw"),
        ("NEAR(", "raw"),
        ("(إيفانز", "raw"),
        ("nosuchcolumn:x", "raw"),
    ],
)
@pytest.mark.parametrize("page", ["events", "events.json", "actors"])
def test_a_search_sqlite_cannot_parse_is_answered_with_a_message_and_no_traceback(
    datasette: Datasette, capfd: pytest.CaptureFixture[str], search: str, mode: str, page: str
) -> None:
    answer = asyncio.run(
        datasette.client.get(
            f"/{DB}/{page}", params={"_search": search, **({"_searchmode": mode} if mode else {})}
        )
    )
    printed = "".join(capfd.readouterr())
    assert answer.status_code == 400
    assert "Search not understood" in answer.text
    assert "Traceback" not in printed and "ERROR" not in printed


def test_a_search_that_parses_still_finds_rows(datasette: Datasette) -> None:
    answer = asyncio.run(datasette.client.get(f"/{DB}/actors.json", params={"_search": '"ايفانز"'}))
    assert answer.status_code == 200 and answer.json()["rows"]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200,000 short Arabic rows, and one of 12 million characters first (rowid 1)."""
    path = tmp_path_factory.mktemp("large") / "large.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table big (id integer primary key, body text)")
        conn.execute("insert into big values (1, ?)", ("إيفانز " * 2_000_000,))
        conn.executemany(
            "insert into big values (?, ?)", ((i, f"غريتشن كرانتز إيفانز {i}") for i in range(2, 200_002))
        )
    conn.close()
    return path


@pytest.mark.parametrize(("rows", "where"), [("every row", "id > 0"), ("the short rows", "id > 1")])
def test_the_arabic_search_function_stays_within_the_sql_time_limit(
    datasette: Datasette, large: Path, rows: str, where: str
) -> None:
    # a limit the 200,000 folds surely exceed on any machine: the point is that the function yields
    # to SQLite's interrupt, not how fast this machine folds (the plugin is registered by the
    # datasette fixture)
    instance = _started(Datasette([str(large)], settings={"sql_time_limit_ms": 100}))
    limit = instance.setting("sql_time_limit_ms") / 1000
    sql = f"select count(*) from big where {where} and normalize_arabic(body) like '%ايفانز%'"
    began = time.monotonic()
    with pytest.raises((QueryInterrupted, sqlite3.OperationalError)):  # too long, or a text too long
        asyncio.run(instance.get_database("large").execute(sql))
    took = time.monotonic() - began
    assert took < limit + 0.5, f"{rows}: {took:.2f} s for a time limit of {limit:g} s"


def test_the_arabic_search_function_refuses_a_text_too_long_to_fold_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda hook: refused.append(str(hook.exc_value)))
    sqlite3.enable_callback_tracebacks(True)  # hand the function's own error to sys.unraisablehook
    conn = sqlite3.connect(":memory:")
    explore_plugin.prepare_connection(conn)  # what Datasette does for every connection
    fold = "select normalize_arabic(?)"
    assert conn.execute(fold, ["إيفانز" * 1000]).fetchone() == ("ايفانز" * 1000,)
    longest = "ا" * explore_plugin.MAX_SQL_TEXT
    assert conn.execute(fold, [longest]).fetchone() == (longest,)
    with pytest.raises(sqlite3.OperationalError, match="user-defined function raised exception"):
        conn.execute(fold, [longest + "ا"])
    conn.close()
    assert refused == ["normalize_arabic() takes at most 100,000 characters"]


def _serve(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "moroccodigital", "serve", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("port", ["70000", "65536", "-1"])
def test_serve_on_a_port_that_does_not_exist_says_so_in_one_line(port: str) -> None:
    server = _serve("--port", port)
    _, err = server.communicate(timeout=60)
    assert server.returncode == 2
    assert err.strip().splitlines() == [
        f"moroccodigital serve: --port {port} is not a TCP port (0-65535; 0 picks a free one) [bad-usage]"
    ]


def test_serve_on_a_port_in_use_says_so_and_prints_no_address() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _serve("--port", str(port))
        _, err = server.communicate(timeout=60)
    assert server.returncode == 5
    assert err.strip().splitlines() == [
        f"moroccodigital serve: cannot listen on 127.0.0.1:{port}: Address already in use [serve-failed]"
    ]


def test_serve_prints_its_address_once_it_listens_there(tmp_path: Path) -> None:
    server = _serve(
        "--port", "0", "--allow-host", "explorer.example", env={**os.environ, "TMPDIR": str(tmp_path)}
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        found = URL_LINE.match(line)
        assert found, line
        port = int(found.group(1))
        assert port != 0
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # accepted at once: the address was printed after the socket listened
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/{DB}/events.json", headers={"Host": f"rebound.example:{port}"})
        assert conn.getresponse().status == 400  # DNS rebinding: the name resolves here, but is refused
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/{DB}/events.json", headers={"Host": f"explorer.example:{port}"})
        assert conn.getresponse().status == 200  # the name given with --allow-host
        conn.close()
    finally:
        code = explore_server.stop(server)  # type: ignore[arg-type]
    assert code == 0


def _actors(instance: Datasette, search: str, mode: str = "") -> set[str]:
    params = {"_search": search, "_shape": "array", "_size": "max", **({"_searchmode": mode} if mode else {})}
    answer = asyncio.run(instance.client.get(f"/{DB}/actors.json", params=params))
    assert answer.status_code == 200, answer.text[:300]
    return {row["actor_id"] for row in answer.json()}


def test_raw_searches_keep_their_fts5_operators(datasette: Datasette) -> None:
    evans, ustda, gretchen = (_actors(datasette, word) for word in ("ايفانز", "USTDA", "غريتشن"))
    assert evans and ustda and gretchen and not evans & ustda
    assert _actors(datasette, "ايفانز OR USTDA", "raw") == evans | ustda
    assert _actors(datasette, "(ايفانز OR USTDA) NOT غريتشن", "raw") == (evans | ustda) - gretchen

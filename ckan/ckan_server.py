"""A real, throwaway CKAN on 127.0.0.1 for the publishing tests: start it, stop it by pid.

    python ckan/ckan_server.py start STATE_DIR [--venv DIR]   # prints the site URL
    python ckan/ckan_server.py stop STATE_DIR

`start` puts everything under STATE_DIR: a PostgreSQL cluster and a Redis server (Debian
packages: postgresql, redis-server; plus libpq-dev, gcc, libmagic1 for CKAN's install), the
CKAN config (with the DataStore plugin, in a database of its own, and the licence list of
licenses.json beside this script), its file store and logs, and `server.json` (URL, pids, the file holding a
sysadmin's API token, mode 600).  CKAN itself, pinned in ckan/requirements.txt, and the
ckanext-pgsearch extension beside this script, go into their own virtual environment
(--venv, default STATE_DIR/venv), which is reused while the requirements and the extension are
unchanged.  Every server listens on 127.0.0.1 only; `stop` signals the pids written at start
and nothing else.  Standard library only, so any Python 3.10+ can run it.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"
EXTENSION = HERE / "ckanext-pgsearch"
LICENSES = HERE / "licenses.json"
HOST = "127.0.0.1"
SYSADMIN = "publisher"
STARTUP_TIMEOUT = 90.0


class ServerError(RuntimeError):
    """A step of the set-up failed; the message names it and the log to read."""


def _run(
    cmd: list[str],
    log: Path,
    *,
    user: str | None = None,
    env: dict[str, str] | None = None,
    umask: int = -1,
) -> str:
    """Run a set-up step, appending its stderr to a log; its stdout (it may hold a token) is returned.

    `umask` (e.g. 0o077) applies to the files the step creates.
    """
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    # key=value arguments carry passwords and database URLs: only their keys are shown.
    shown = " ".join(arg.split("=")[0] + "=…" if "=" in arg else arg for arg in cmd[:8])
    result = subprocess.run(
        cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, umask=umask
    )
    with log.open("a") as handle:
        handle.write(f"$ {shown}\n{result.stderr}\n")
    if result.returncode != 0:
        raise ServerError(f"{shown} failed (exit {result.returncode}); see {log}:\n{result.stderr[-2000:]}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            if path.is_dir()
            else [path]
        )
        for file in files:
            digest.update(str(file.relative_to(path.parent)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Two test sessions sharing a venv must not install into it at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def ensure_venv(venv: Path, log: Path) -> Path:
    """Create or reuse CKAN's virtual environment; returns its `ckan` command."""
    with _locked(venv.with_name(venv.name + ".lock")):
        marker, wanted = venv / ".requirements.sha256", _digest(REQUIREMENTS)
        if not marker.exists() or marker.read_text() != wanted:
            shutil.rmtree(venv, ignore_errors=True)
            _run([sys.executable, "-m", "venv", str(venv)], log)
            _run([str(venv / "bin" / "pip"), "install", "-q", "-r", str(REQUIREMENTS)], log)
            marker.write_text(wanted)
        ext_marker, ext_wanted = venv / ".pgsearch.sha256", _digest(EXTENSION)
        if not ext_marker.exists() or ext_marker.read_text() != ext_wanted:
            # Built from a copy, so no build/ or egg-info folder lands in the repository.
            with tempfile.TemporaryDirectory(prefix=".pgsearch-build-", dir=venv) as tmp:
                build = Path(tmp)
                shutil.copytree(
                    EXTENSION,
                    build / EXTENSION.name,
                    ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"),
                )
                _run(
                    [
                        str(venv / "bin" / "pip"),
                        "install",
                        "-q",
                        "--no-deps",
                        "--no-build-isolation",
                        "--force-reinstall",
                        str(build / EXTENSION.name),
                    ],
                    log,
                )
            ext_marker.write_text(ext_wanted)
    return venv / "bin" / "ckan"


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise ServerError(f"{name} not found: install the Debian package postgresql")
    return found[-1]


def start_postgres(state: Path, log: Path) -> tuple[int, dict[str, str]]:
    """A cluster of its own under STATE_DIR/postgres; returns its port and CKAN's database URLs.

    Besides CKAN's database, the DataStore's, with a role that may only read it (`datastore_ro`).
    """
    root = os.geteuid() == 0
    user = "postgres" if root else None
    home = state / "postgres"  # data, socket, log and password file, all the postgres user's
    home.mkdir(mode=0o700)
    password = secrets.token_hex(16)
    pwfile = home / "password"
    pwfile.write_text(password + "\n")
    if root:
        # PostgreSQL refuses to run as root: its files belong to the postgres user.
        for path in (home, pwfile):
            shutil.chown(path, "postgres")
        _run(["test", "-x", str(home)], log, user="postgres")
    port = _free_port()
    _run(
        [
            _pg_bin("initdb"),
            "-D",
            str(home / "data"),
            "-U",
            "postgres",
            f"--pwfile={pwfile}",
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        log,
        user=user,
    )
    pwfile.unlink()
    options = f"-h {HOST} -p {port} -k {home} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run(
        [
            _pg_bin("pg_ctl"),
            "-D",
            str(home / "data"),
            "-l",
            str(home / "postgres.log"),
            "-w",
            "-o",
            options,
            "start",
        ],
        log,
        user=user,
    )
    env = {**os.environ, "PGPASSWORD": password}
    admin = ["psql", "-h", HOST, "-p", str(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    _run([*admin, "-c", f"CREATE ROLE ckan LOGIN PASSWORD '{password}'"], log, env=env)
    _run([*admin, "-c", "CREATE DATABASE ckan OWNER ckan ENCODING 'UTF8'"], log, env=env)
    # The DataStore: its own database, written by ckan, read by a role that may only read.
    _run([*admin, "-c", f"CREATE ROLE datastore_ro LOGIN PASSWORD '{password}'"], log, env=env)
    _run([*admin, "-c", "CREATE DATABASE datastore OWNER ckan ENCODING 'UTF8'"], log, env=env)
    base = f"{HOST}:{port}"
    return port, {
        "ckan": f"postgresql://ckan:{password}@{base}/ckan",
        "datastore_write": f"postgresql://ckan:{password}@{base}/datastore",
        "datastore_read": f"postgresql://datastore_ro:{password}@{base}/datastore",
        "password": password,
    }


def start_redis(state: Path, log: Path) -> int:
    port = _free_port()
    (state / "redis").mkdir()
    _run(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            HOST,
            "--daemonize",
            "yes",
            "--pidfile",
            str(state / "redis.pid"),
            "--dir",
            str(state / "redis"),
            "--save",
            "",
            "--appendonly",
            "no",
            "--logfile",
            str(state / "redis.log"),
        ],
        log,
    )
    for _ in range(100):
        if (state / "redis.pid").exists():
            return port
        time.sleep(0.05)
    raise ServerError(f"redis-server wrote no pid file; see {state / 'redis.log'}")


def configure_ckan(
    ckan: Path, state: Path, dbs: dict[str, str], pg_port: int, redis_port: int, port: int, log: Path
) -> Path:
    """ckan.ini, readable by its owner only: it holds the secret that signs API tokens.

    The portal runs the DataStore (with its permissions set as `ckan datastore set-permissions`
    prints them) and offers the licences of ckan/licenses.json, as a portal with its own
    licence list does (`licenses_group_url`).
    """
    ini = state / "ckan.ini"
    storage = state / "storage"
    storage.mkdir()
    _run([str(ckan), "generate", "config", str(ini)], log, umask=0o077)
    ini.chmod(0o600)  # in case the command set a mode of its own
    # config-tool without -c: with -c it loads the app against a default database first.
    _run(
        [
            str(ckan),
            "config-tool",
            str(ini),
            f"sqlalchemy.url={dbs['ckan']}",
            f"ckan.datastore.write_url={dbs['datastore_write']}",
            f"ckan.datastore.read_url={dbs['datastore_read']}",
            f"licenses_group_url=file://{LICENSES}",
            f"ckan.site_url=http://{HOST}:{port}",
            f"ckan.redis.url=redis://{HOST}:{redis_port}/0",
            f"ckan.storage_path={storage}",
            f"solr_url=http://{HOST}:9/solr",  # required by CKAN's config, never contacted
            "ckan.plugins=datastore pgsearch",
        ],
        log,
        umask=0o077,
    )
    _run([str(ckan), "-c", str(ini), "db", "init"], log)
    # The script holds psql meta-commands (\connect), which only a file may: run it as one.
    script = state / "datastore-permissions.sql"
    script.write_text(_run([str(ckan), "-c", str(ini), "datastore", "set-permissions"], log))
    admin = ["psql", "-h", HOST, "-p", str(pg_port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    _run(
        [*admin, "-f", str(script)],
        log,
        env={**os.environ, "PGPASSWORD": dbs["password"]},
    )
    return ini


def create_sysadmin(ckan: Path, ini: Path, state: Path, log: Path) -> Path:
    """A sysadmin and its API token, kept in a file only the owner can read."""
    _run(
        [
            str(ckan),
            "-c",
            str(ini),
            "sysadmin",
            "add",
            SYSADMIN,
            "--create",
            f"email={SYSADMIN}@example.invalid",
            f"password={secrets.token_urlsafe(24)}",
        ],
        log,
    )
    token = _run([str(ckan), "-c", str(ini), "user", "token", "add", SYSADMIN, "tests", "--quiet"], log)
    token_file = state / "api_token"
    token_file.touch(mode=0o600)
    token_file.write_text(token.strip().splitlines()[-1])
    return token_file


def run_ckan(ckan: Path, ini: Path, state: Path, port: int) -> dict[str, object]:
    """`ckan run` as one process (no reloader, no debugger), so its pid is the server's.

    Returns what `status_show` answered once the site is up.
    """
    with (state / "ckan.log").open("ab") as log:
        process = subprocess.Popen(
            [
                str(ckan),
                "-c",
                str(ini),
                "run",
                "-H",
                HOST,
                "-p",
                str(port),
                "--disable-reloader",
                "--disable-debugger",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    (state / "ckan.pid").write_text(str(process.pid))
    url = f"http://{HOST}:{port}/api/3/action/status_show"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"ckan run exited with {process.returncode}; see {state / 'ckan.log'}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                answer = json.load(response)
                if answer.get("success"):
                    return dict(answer["result"])
        except OSError:
            time.sleep(0.2)
    raise ServerError(f"CKAN did not answer {url} within {STARTUP_TIMEOUT:.0f} s; see {state / 'ckan.log'}")


def start(state: Path, venv: Path | None = None) -> dict[str, object]:
    """Start PostgreSQL, Redis and CKAN under `state`; stops what it started if a step fails."""
    state = state.resolve()
    state.mkdir(parents=True, exist_ok=True)
    if any(state.iterdir()):
        raise ServerError(f"{state} is not empty: give start a new folder")
    if os.geteuid() == 0:
        state.chmod(0o755)  # the postgres user must be able to enter it
    log = state / "setup.log"
    began = time.monotonic()
    try:
        ckan = ensure_venv((venv or state / "venv").resolve(), log)
        pg_port, dbs = start_postgres(state, log)
        redis_port = start_redis(state, log)
        port = _free_port()
        ini = configure_ckan(ckan, state, dbs, pg_port, redis_port, port, log)
        token_file = create_sysadmin(ckan, ini, state, log)
        status = run_ckan(ckan, ini, state, port)
    except BaseException:
        stop(state)
        raise
    info: dict[str, object] = {
        "url": f"http://{HOST}:{port}",
        "sysadmin": SYSADMIN,
        "token_file": str(token_file),
        "ckan_ini": str(ini),
        "ckan_log": str(state / "ckan.log"),
        "ckan_version": status["ckan_version"],
        "extensions": status["extensions"],
        "ports": {"postgres": pg_port, "redis": redis_port, "ckan": port},
        "setup_seconds": round(time.monotonic() - began, 1),
    }
    (state / "server.json").write_text(json.dumps(info, indent=2) + "\n")
    return info


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"  # a zombie has already exited


def _signal(pid_file: Path, expect: str, sig: signal.Signals) -> int | None:
    """Signal the pid a service wrote, only if that pid still runs the service."""
    if not pid_file.exists():
        return None
    pid = int(pid_file.read_text().split()[0])
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return None
    if expect.encode() not in cmdline:
        return None
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    return pid


def stop(state: Path, timeout: float = 20.0) -> None:
    """Stop CKAN, Redis and PostgreSQL by the pids they wrote at start."""
    state = state.resolve()
    pids = [
        _signal(state / "ckan.pid", "ckan", signal.SIGTERM),
        _signal(state / "redis.pid", "redis-server", signal.SIGTERM),
        # SIGINT is PostgreSQL's fast shutdown.
        _signal(state / "postgres" / "data" / "postmaster.pid", "postgres", signal.SIGINT),
    ]
    deadline = time.monotonic() + timeout
    for pid in (p for p in pids if p):
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("state", type=Path, help="folder for every file of this CKAN (new for start)")
    parser.add_argument("--venv", type=Path, help="CKAN's virtual environment (default: STATE/venv)")
    args = parser.parse_args(argv)
    if args.command == "stop":
        stop(args.state)
        return 0
    try:
        info = start(args.state, args.venv)
    except ServerError as err:
        print(f"ckan_server: {err}", file=sys.stderr)
        return 1
    print(info["url"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

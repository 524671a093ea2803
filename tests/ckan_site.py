"""One real CKAN for the whole test session, started by ckan/ckan_server.py and stopped by pid.

Both CKAN test modules ask for it through a session fixture; the first starts it, the last to
finish stops it.  CKAN's virtual environment is cached between sessions (it depends only on
ckan/requirements.txt and the extension), everything else lives in a fresh folder under /tmp
that the postgres user can enter.  MOROCCODIGITAL_SKIP_CKAN=1 skips these tests; nothing else
does, so a machine without PostgreSQL or Redis fails them with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, missing

SERVER_SCRIPT = ROOT / "ckan" / "ckan_server.py"
REQUIREMENTS = ROOT / "ckan" / "requirements.txt"
VENV = Path(
    os.environ.get("MOROCCODIGITAL_CKAN_VENV", Path.home() / ".cache" / "moroccodigital" / "ckan-venv")
)


@dataclass(frozen=True)
class Site:
    """A running CKAN: its address, a sysadmin's token, and where its files are."""

    url: str
    token: str
    state: Path
    info: dict[str, Any]

    @property
    def venv_python(self) -> Path:
        return VENV / "bin" / "python"

    def api(self, token: bool = True) -> Any:
        """A ckanapi client, as the sysadmin or anonymous."""
        import ckanapi  # type: ignore[import-untyped]

        return ckanapi.RemoteCKAN(self.url, apikey=self.token if token else None)

    def log_text(self) -> str:
        return Path(self.info["ckan_log"]).read_text(errors="replace")


_site: Site | None = None
_users = 0


def _start() -> Site:
    state = Path(tempfile.mkdtemp(prefix="moroccodigital-ckan-"))
    result = subprocess.run(
        [sys.executable, str(SERVER_SCRIPT), "start", str(state), "--venv", str(VENV)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        logs = "".join(
            f"\n--- {p.name} (tail) ---\n{p.read_text(errors='replace')[-3000:]}"
            for p in (state / "setup.log", state / "ckan.log")
            if p.exists()
        )
        shutil.rmtree(state, ignore_errors=True)
        pytest.fail(f"could not start CKAN for the tests:\n{result.stderr}{logs}", pytrace=False)
    info = json.loads((state / "server.json").read_text())
    return Site(info["url"], Path(info["token_file"]).read_text().strip(), state, info)


def _stop(site: Site) -> None:
    subprocess.run([sys.executable, str(SERVER_SCRIPT), "stop", str(site.state)], check=True)
    shutil.rmtree(site.state, ignore_errors=True)


@contextmanager
def running_site() -> Iterator[Site]:
    """The session's CKAN, started on first use and stopped when its last user is done."""
    global _site, _users
    if os.environ.get("MOROCCODIGITAL_SKIP_CKAN") == "1":
        missing("MOROCCODIGITAL_SKIP_CKAN=1: the tests against a real CKAN were asked to be skipped")
    if _site is None:
        _site = _start()
    _users += 1
    try:
        yield _site
    finally:
        _users -= 1
        if _users == 0:
            _stop(_site)
            _site = None

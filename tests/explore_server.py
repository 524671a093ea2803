"""Start `moroccodigital.explore.serve` in its own process on a free loopback port, for the tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping

STARTUP_SECONDS = 90


def free_port() -> int:
    """A port nothing listens on now (the server takes it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(port: int, env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    """`serve(port)` in a child process, returned once it answers HTTP on 127.0.0.1."""
    server = subprocess.Popen(
        [sys.executable, "-m", "moroccodigital", "serve", "--port", str(port)],
        env=None if env is None else dict(env),
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"the explorer exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=5):
                return server
        except OSError:
            if time.monotonic() > deadline:
                stop(server)
                raise TimeoutError(f"the explorer did not answer within {STARTUP_SECONDS} s") from None
            time.sleep(0.5)


def stop(server: subprocess.Popen[bytes]) -> int:
    """Ask the server to stop (SIGTERM), kill it if it will not, and return its exit code."""
    server.terminate()
    try:
        return server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()

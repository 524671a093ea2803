"""Overall deadlines for the HTTP requests of a `requests.Session`, per request and per run.

requests' own timeout bounds each wait for a byte, not a request: a server that sends one byte
every few seconds holds a request open for ever.  `Deadline` mounts an adapter whose connections
record their sockets; while a request runs, a timer stands by, and when the request's time (or
the run's) is up it shuts those sockets down, which ends any read or write blocked on them, over
plain HTTP and TLS alike.  Only the standard library, requests and urllib3 (which requests
brings) are used; requests is imported when a Deadline is made, not when this module is.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

REQUEST_SECONDS = 300.0
"""Default deadline of one request: an upload of a few MB fits many times over."""
RUN_SECONDS = 3600.0
"""Default deadline of a whole run, retries and their waits included."""


class RequestTooSlow(Exception):
    """One request outlived its deadline (worth retrying, like a timeout)."""


class RunTooLong(Exception):
    """The run outlived its deadline; nothing more is attempted."""


class Deadline:
    """Deadlines for one session: `with deadline.request(): ...` around each request."""

    def __init__(self, per_request: float = REQUEST_SECONDS, per_run: float = RUN_SECONDS) -> None:
        for what, seconds in (("request", per_request), ("run", per_run)):
            if not seconds > 0:
                raise ValueError(f"the {what} deadline must be a positive number of seconds, not {seconds}")
        self.per_request, self.per_run = per_request, per_run
        self.run_ends = time.monotonic() + per_run
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._fired = threading.Event()

    def remaining(self) -> float:
        """Seconds left in the run (negative once it is over)."""
        return self.run_ends - time.monotonic()

    def check_run(self) -> None:
        if self.remaining() <= 0:
            raise RunTooLong(f"the run took longer than its deadline of {self.per_run:g} s")

    def mount(self, session: Any) -> None:
        """Send the session's http:// and https:// requests through connections that are watched."""
        adapter = _watched_adapter(self)
        session.mount("http://", adapter)
        session.mount("https://", adapter)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    @contextmanager
    def request(self) -> Iterator[None]:
        """Run one request (and the reading of its answer) within both deadlines."""
        self.check_run()
        limit = min(self.per_request, self.remaining())
        run_bound = limit < self.per_request
        self._fired.clear()
        timer = threading.Timer(limit, self._expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        except Exception:
            if not self._fired.is_set():
                raise
        finally:
            timer.cancel()
        if self._fired.is_set():  # a request cut short may still look complete: it is not
            if run_bound:
                raise RunTooLong(f"the run took longer than its deadline of {self.per_run:g} s") from None
            raise RequestTooSlow(f"no complete answer within the request deadline of {limit:g} s") from None

    def _expire(self) -> None:
        self._fired.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed, or never connected
                sock.shutdown(socket.SHUT_RDWR)


def _watched_adapter(deadline: Deadline) -> Any:
    """An HTTPAdapter whose pools make connections that hand their sockets to `deadline`."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Watched(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            deadline.watch(sock)
            return sock

    class WatchedTLS(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            deadline.watch(sock)  # the TLS handshake reads from this socket
            return sock

        def connect(self) -> None:
            super().connect()
            if isinstance(self.sock, socket.socket):
                deadline.watch(self.sock)  # the TLS socket that replaced it

    class Pool(HTTPConnectionPool):
        ConnectionCls = Watched

    class PoolTLS(HTTPSConnectionPool):
        ConnectionCls = WatchedTLS

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": Pool, "https": PoolTLS}

    return Adapter()

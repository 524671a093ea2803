"""The HTTP side of a CKAN publication: one ckanapi client, its retries, deadlines and redaction.

Every action goes through `Client.step` (retrying a timeout, a dropped connection, a 5xx or a
429 with a doubling wait, within the run's deadline) and `Client.call` (one request within its
deadline, the answer's shape checked).  The API token is sent only to the portal's own origin,
and scrubbed from every message, in every form a server may echo it (as is, escaped, URL- or
JSON-encoded), before any message is shortened.  An answer that is not CKAN's JSON, or not of
the shape an action returns, stops the run with a message.  ckanapi is imported only when a
client is made, so loading the data never needs it (it comes with the `publish` extra).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from moroccodigital.publish.ckan_errors import NotPermitted, PublishError
from moroccodigital.publish.http_deadline import Deadline, RequestTooSlow, RunTooLong

TIMEOUT = (10.0, 120.0)
"""Seconds to connect and to wait for each byte of an answer (the deadlines bound the whole)."""
ACTION_PATH = re.compile(r"/api/(?:\d+/)?action/[^/]+$")
"""Where CKAN's action API answers (ckanapi calls /api/action/<name>)."""
MAX_REASON = 500
"""Characters of a portal's error text kept in a message (after the token is removed)."""

Progress = Callable[[str], None]


_NAMED = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "(?:apos|#x27|#39)"}


def token_pattern(token: str) -> re.Pattern[str]:
    """The token as a server or a library may echo it: as is, escaped, URL-, JSON-, HTML-encoded.

    Letters and digits stay as they are in every one of these encodings; each other character
    may come preceded by backslashes (Python and JSON escapes, repeated when one escaped text is
    escaped again), or as %XX (%25XX, ...), \\uXXXX or an HTML character reference.  So the
    pattern finds the token however many times it was encoded.
    """
    parts = []
    for ch in token:
        if ch.isascii() and ch.isalnum():
            parts.append(re.escape(ch))
            continue
        code = ord(ch)
        forms = [
            re.escape(ch),
            f"%(?:25)*{code:02x}",
            f"u{code:04x}",
            f"&(?:amp;)*#(?:x0*{code:x}|0*{code});",
        ]
        if ch in _NAMED:
            forms.append(f"&(?:amp;)*{_NAMED[ch]};")
        parts.append(f"\\\\*(?:{'|'.join(forms)})")
    return re.compile("".join(parts), re.IGNORECASE)


def redact(text: str, token: str) -> str:
    """`text` without the token in any of its forms; shorten a message only after this."""
    return token_pattern(token).sub("[token]", text)


class Malformed(PublishError):
    """The portal answered with something that is not what a CKAN action returns."""


class _Transient(Exception):
    """A failure worth retrying: a timeout, a dropped connection, a 5xx or 429 answer."""


def _is_bool(answer: Any) -> bool:
    return isinstance(answer, bool)


def _is_list_of_dicts(answer: Any) -> bool:
    return isinstance(answer, list) and all(isinstance(item, dict) for item in answer)


def _is_dict(answer: Any) -> bool:
    return isinstance(answer, dict)


def _is_package(answer: Any) -> bool:
    """A dataset as package_show returns it, in the fields this module reads."""
    if not isinstance(answer, dict) or not isinstance(answer.get("id"), str):
        return False
    if not (answer.get("organization") is None or isinstance(answer["organization"], dict)):
        return False
    if not all(_is_list_of_dicts(answer.get(key, [])) for key in ("resources", "tags", "extras")):
        return False
    return (
        all(
            isinstance(r.get("id"), str) and isinstance(r.get("name", ""), str)
            for r in answer.get("resources", [])
        )
        and all(isinstance(t.get("name"), str) for t in answer.get("tags", []))
        and all(isinstance(e.get("key"), str) and "value" in e for e in answer.get("extras", []))
    )


_SHAPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "am_following_group": ("true or false", _is_bool),
    "organization_list_for_user": ("a list of organizations", _is_list_of_dicts),
    "package_show": ("a dataset", _is_package),
    "package_create": ("a dataset", _is_package),
    "package_patch": ("a dataset", _is_package),
    "resource_create": ("a resource", _is_dict),
    "resource_patch": ("a resource", _is_dict),
    "license_list": ("a list of licences", _is_list_of_dicts),
    "status_show": ("the site's status", _is_dict),
    "datastore_search": ("a DataStore table", _is_dict),
}
"""What each action answers, as far as this module relies on it."""


class Client:
    """The portal as one publication sees it: ckanapi, retries, and messages without the token."""

    def __init__(
        self,
        url: str,
        token: str,
        progress: Progress,
        retries: int,
        backoff: float,
        deadline: Deadline,
        done: Callable[[], list[str]],
    ) -> None:
        """`done` says, when a step fails, what the publication has already done."""
        import ckanapi  # type: ignore[import-untyped]
        import requests

        self.url, self.token, self.progress, self.done = url, token, progress, done
        self.token_pattern = token_pattern(token)
        self.retries, self.backoff, self.deadline = max(1, retries), backoff, deadline
        self.errors = ckanapi.errors
        self.requests = requests
        http = requests.Session()
        deadline.mount(http)
        http.hooks["response"] += [self._raise_transient_status, self._check_json]
        self.remote = ckanapi.RemoteCKAN(url, apikey=token, session=http)
        self.origin = urlsplit(url)[:2]

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remote.close()

    @staticmethod
    def _raise_transient_status(response: Any, *args: Any, **kwargs: Any) -> None:
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"HTTP {response.status_code} from {urlsplit(response.url).path}")

    def _check_json(self, response: Any, *args: Any, **kwargs: Any) -> None:
        """An action's answer must be a CKAN envelope; its body is read here, within the deadline."""
        if not ACTION_PATH.search(urlsplit(response.url).path):
            return
        try:
            answer = json.loads(response.content)
        except ValueError:
            answer = None
        if (
            not isinstance(answer, dict)
            or not isinstance(answer.get("success"), bool)
            or (answer["success"] and "result" not in answer)
        ):
            kind = response.headers.get("Content-Type", "no content type")
            text = self._excerpt(response.content.decode("utf-8", "replace"), 80)
            raise Malformed(
                f"the portal's answer to {urlsplit(response.url).path.rsplit('/', 1)[-1]} is not "
                f"CKAN's JSON (HTTP {response.status_code}, {kind}, {len(response.content)} bytes: {text!r})"
            )

    def _redact(self, text: str) -> str:
        return self.token_pattern.sub("[token]", text)

    def _excerpt(self, text: str, limit: int = MAX_REASON) -> str:
        """At most `limit` characters of `text`, the token removed first, on one line."""
        text = " ".join(self._redact(text).split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def _fail(self, step: str, reason: str, kind: type[PublishError] = PublishError) -> PublishError:
        lines = [f"publishing to {self.url} failed while {step}: {reason}", *self.done()]
        lines.append("  running the same command again resumes: unchanged files are not sent twice")
        return kind(self._redact("\n".join(lines)))

    def step(self, step: str, action: Callable[[], Any]) -> Any:
        """Run a step, retrying transient failures; every other failure becomes a PublishError."""
        errors, requests, attempt = self.errors, self.requests, 1
        transient = (_Transient, RequestTooSlow, requests.Timeout, requests.ConnectionError)
        while True:
            try:
                return action()
            except (*transient, requests.exceptions.ChunkedEncodingError) as err:
                reason = self._excerpt(f"{type(err).__name__}: {err}")
                wait = self.backoff * 2 ** (attempt - 1)
                if attempt >= self.retries:
                    raise self._fail(step, f"{reason} (gave up after {attempt} attempts)") from None
                if wait >= self.deadline.remaining():
                    raise self._fail(
                        step, f"{reason} (gave up: the run's deadline of {self.deadline.per_run:g} s is near)"
                    ) from None
                self.progress(f"retrying ({attempt}/{self.retries - 1}) after {reason}")
                time.sleep(wait)
                attempt += 1
            except RunTooLong as err:
                raise self._fail(step, str(err)) from None
            except PublishError as err:
                raise self._fail(step, str(err), type(err)) from None
            except errors.NotAuthorized:
                raise self._fail(
                    step, "the token's user is not allowed to do this (see docs/publishing.md)", NotPermitted
                ) from None
            except errors.ValidationError as err:
                refusal = self._excerpt(str(getattr(err, "error_dict", err)))
                raise self._fail(step, f"the portal refused it: {refusal}") from None
            except errors.NotFound as err:
                raise self._fail(step, f"not found: {self._excerpt(str(err))}") from None
            except (
                OSError,
                requests.RequestException,
                errors.CKANAPIError,
                errors.ServerIncompatibleError,
            ) as err:
                raise self._fail(step, self._excerpt(f"{type(err).__name__}: {err}")) from None

    def call(self, action: str, files: dict[str, Any] | None = None, /, **data: Any) -> Any:
        """One CKAN action through ckanapi, within the deadlines, its answer's shape checked."""
        with self.deadline.request():
            answer = self.remote.call_action(action, data, files=files, requests_kwargs={"timeout": TIMEOUT})
        if action in _SHAPES:
            shape, valid = _SHAPES[action]
            if not valid(answer):
                raise Malformed(
                    f"the portal's answer to {action} is not {shape}: {self._excerpt(repr(answer), 80)}"
                )
        return answer

    def download_sha256(self, url: str) -> str:
        """The sha256 of what the portal serves at `url`."""
        # The token goes only to the portal's own origin (requests drops it on a redirect elsewhere).
        headers = {"Authorization": self.token} if urlsplit(url)[:2] == self.origin else {}
        digest = hashlib.sha256()
        with (
            self.deadline.request(),
            self.remote.session.get(url, headers=headers, stream=True, timeout=TIMEOUT) as response,
        ):
            response.raise_for_status()
            for block in response.iter_content(1 << 16):
                digest.update(block)
        return digest.hexdigest()

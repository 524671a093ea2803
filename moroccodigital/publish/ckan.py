"""Publish the built dataset to a CKAN portal: one dataset, updated in place, every file verified.

`publish_ckan` carries out a plan from ckan_plan.py through `ckanapi`.  Each step re-reads the
dataset before it writes, so a step retried after a timeout or a 5xx never duplicates a resource.
A resource whose sha256 (kept in its `sha256` field, and as `sha256:<hex>` in CKAN's `hash`)
matches the local file is not uploaded again; afterwards every resource is downloaded back and
its sha256 compared.

The API token is read from an environment variable, checked against the portal before anything
else (an unknown token and a user without editor rights are told apart), sent only to the portal's
own origin, and scrubbed from every message this module produces, in every form a server may echo
it (as is, escaped, URL- or JSON-encoded), before any message is shortened.  Each request, and the
whole run, has an overall deadline (http_deadline.py).  An answer that is not CKAN's JSON, or not of
the shape an action returns, stops the run with a message.  ckanapi is imported only when
publishing, so loading the data never needs it (it comes with the `publish` extra).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from moroccodigital.publish.ckan_plan import (
    TOKEN_ENV,
    FileToPublish,
    NotPermitted,
    Plan,
    PublishError,
    TokenRejected,
    plan_publication,
)
from moroccodigital.publish.http_deadline import (
    REQUEST_SECONDS,
    RUN_SECONDS,
    Deadline,
    RequestTooSlow,
    RunTooLong,
)
from moroccodigital.results import Rendered

__all__ = [
    "TOKEN_ENV",
    "NotPermitted",
    "Plan",
    "PublishError",
    "PublishReport",
    "TokenRejected",
    "plan_publication",
    "publish_ckan",
]

TIMEOUT = (10.0, 120.0)
"""Seconds to connect and to wait for each byte of an answer (the deadlines bound the whole)."""
ACTION_PATH = re.compile(r"/api/(?:\d+/)?action/[^/]+$")
"""Where CKAN's action API answers (ckanapi calls /api/action/<name>)."""
MAX_REASON = 500
"""Characters of a portal's error text kept in a message (after the token is removed)."""

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass
class PublishReport(Rendered):
    """What a publication did, resource by resource."""

    plan: Plan
    dry_run: bool
    created: bool = False
    metadata_updated: bool = False
    uploaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    verified: list[str] = field(default_factory=list)

    @property
    def dataset_url(self) -> str:
        return f"{self.plan.url}/dataset/{self.plan.dataset}"

    ok = True
    """A publication that returns has verified every file it sent; one that fails raises."""

    def lines(self) -> list[str]:
        if self.dry_run:
            return self.plan.render().splitlines()
        state = "created" if self.created else ("updated" if self.metadata_updated else "metadata unchanged")
        lines = [
            f"{self.dataset_url}: dataset {state}",
            f"  uploaded:  {len(self.uploaded)}"
            + (f" ({', '.join(self.uploaded)})" if self.uploaded else ""),
            f"  unchanged: {len(self.unchanged)} (same sha256 on the portal; not uploaded again)",
            f"  verified:  {len(self.verified)} downloaded back, sha256 identical",
        ]
        if self.removed:
            lines.append(f"  removed:   {', '.join(self.removed)} (no longer in the package)")
        return lines


def publish_ckan(
    url: str,
    org: str,
    *,
    data_dir: Path = Path("data"),
    dataset: str | None = None,
    dry_run: bool = False,
    token_env: str = TOKEN_ENV,
    with_texts: bool = False,
    texts_dir: Path | None = None,
    progress: Progress = _quiet,
    retries: int = 4,
    backoff: float = 1.0,
    request_deadline: float = REQUEST_SECONDS,
    run_deadline: float = RUN_SECONDS,
) -> PublishReport:
    """Create or update the dataset on a CKAN portal, upload what changed, verify every file.

    `retries` attempts per step, waiting `backoff` seconds, then twice as long, and so on.  No
    request may take longer than `request_deadline` seconds (it is then retried like a timeout),
    and the whole run no longer than `run_deadline`.
    """
    plan = plan_publication(
        url,
        org,
        data_dir=data_dir,
        dataset=dataset,
        token_env=token_env,
        with_texts=with_texts,
        texts_dir=texts_dir,
    )
    report = PublishReport(plan, dry_run)
    if dry_run:
        return report
    token = os.environ.get(token_env, "").strip()
    if not token:
        raise PublishError(f"no API token: set the environment variable {token_env} (see docs/publishing.md)")
    if any(not 33 <= ord(ch) <= 126 for ch in token):
        raise TokenRejected(
            f"the API token in {token_env} contains spaces, control characters or characters other "
            "than ASCII letters, digits and punctuation, which no CKAN token has; copy it again"
        )
    try:
        deadline = Deadline(request_deadline, run_deadline)
    except ValueError as err:
        raise PublishError(str(err)) from None
    with _Session(plan, token, report, progress, retries, backoff, deadline) as session:
        session.publish()
    return report


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


class _Malformed(PublishError):
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
}
"""What each action answers, as far as this module relies on it."""


class _Session:
    """One publication: the ckanapi client, retries, and error messages without the token."""

    def __init__(
        self,
        plan: Plan,
        token: str,
        report: PublishReport,
        progress: Progress,
        retries: int,
        backoff: float,
        deadline: Deadline,
    ) -> None:
        import ckanapi  # type: ignore[import-untyped]
        import requests

        self.plan, self.token, self.report, self.progress = plan, token, report, progress
        self.token_pattern = token_pattern(token)
        self.retries, self.backoff, self.deadline = max(1, retries), backoff, deadline
        self.errors = ckanapi.errors
        self.requests = requests
        http = requests.Session()
        deadline.mount(http)
        http.hooks["response"] += [self._raise_transient_status, self._check_json]
        self.remote = ckanapi.RemoteCKAN(plan.url, apikey=token, session=http)
        self.origin = urlsplit(plan.url)[:2]

    def __enter__(self) -> _Session:
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
            raise _Malformed(
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
        done = self.report
        lines = [f"publishing to {self.plan.url} failed while {step}: {reason}"]
        if done.created:
            lines.append(f"  the dataset {self.plan.dataset} was created")
        lines.append(f"  already uploaded: {', '.join(done.uploaded) or 'nothing'}")
        if done.unchanged:
            lines.append(f"  already on the portal, unchanged: {len(done.unchanged)} file(s)")
        lines.append("  running the same command again resumes: unchanged files are not sent twice")
        return kind(self._redact("\n".join(lines)))

    def _step(self, step: str, action: Callable[[], Any]) -> Any:
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
                raise _Malformed(
                    f"the portal's answer to {action} is not {shape}: {self._excerpt(repr(answer), 80)}"
                )
        return answer

    def publish(self) -> None:
        """The token first, then the dataset, each file, what the package dropped, the check."""
        self._step("checking the API token and the organization", self._check_access)
        existing = self._step("looking the dataset up", self._dataset)
        if existing is None:
            self.progress(f"creating dataset {self.plan.dataset} in {self.plan.organization}")
            existing = self._step("creating the dataset", self._create_dataset)
            self.report.created = True
        else:
            self._step("updating the dataset's fields", lambda: self._update_dataset(existing))
        for item in self.plan.files:
            self._step(f"publishing {item.name}", functools.partial(self._sync, item))
        self._step("removing resources no longer in the package", self._remove_stale)
        self._step("verifying the portal's copies", self._verify)

    def _check_access(self) -> None:
        """A known token whose user may create datasets in the organization, before anything else.

        CKAN treats an unknown token as no token at all, so the token is checked with an action
        that refuses anonymous callers; `am_following_group` also says whether the organization
        exists.  Editors, admins and sysadmins find the organization among those they may add
        datasets to.
        """
        org = self.plan.organization
        try:
            self.call("am_following_group", id=org)
        except self.errors.NotAuthorized:
            raise TokenRejected(
                f"the portal does not accept the API token in ${self.plan.token_env}: it is unknown, "
                "revoked or expired (create a new one on your user page, API Tokens)"
            ) from None
        except self.errors.ValidationError:
            raise PublishError(f"there is no organization {org!r} on {self.plan.url}; check --org") from None
        editable = self.call("organization_list_for_user", permission="create_dataset")
        if org not in {o.get("name") for o in editable}:
            raise NotPermitted(
                f"the token's user may not create or update datasets in organization {org!r}: "
                "make that user an editor or admin of it (see docs/publishing.md)"
            )

    def _dataset(self) -> dict[str, Any] | None:
        try:
            pkg: dict[str, Any] = self.call("package_show", id=self.plan.dataset)
        except self.errors.NotFound:
            return None
        owner = (pkg.get("organization") or {}).get("name")
        if owner != self.plan.organization:
            raise PublishError(
                f"the dataset {self.plan.dataset} already exists on {self.plan.url} in organization "
                f"{owner!r}, not {self.plan.organization!r}; pass --dataset to publish under another name"
            )
        return pkg

    def _create_dataset(self) -> dict[str, Any]:
        # A retry after a timeout may find the dataset the first attempt created.
        found = self._dataset()
        if found is not None:
            return found
        created: dict[str, Any] = self.call(
            "package_create", owner_org=self.plan.organization, **self.plan.metadata
        )
        return created

    def _update_dataset(self, pkg: dict[str, Any]) -> None:
        wanted = dict(self.plan.metadata)
        ours = {e["key"] for e in wanted["extras"]}
        theirs = [
            {"key": e["key"], "value": e["value"]}
            for e in pkg.get("extras", [])
            if e["key"] not in ours and not re.fullmatch(r"source_\d+", e["key"])
        ]
        wanted["extras"] = sorted(theirs + wanted["extras"], key=lambda e: str(e["key"]))
        current = {key: pkg.get(key) or "" for key in wanted}
        current["tags"] = sorted(t["name"] for t in pkg.get("tags", []))
        current["extras"] = sorted(
            ({"key": e["key"], "value": e["value"]} for e in pkg.get("extras", [])),
            key=lambda e: str(e["key"]),
        )
        if current == {**wanted, "tags": sorted(t["name"] for t in wanted["tags"])}:
            return
        self.progress("updating the dataset's fields")
        self.call("package_patch", id=pkg["id"], **wanted)
        self.report.metadata_updated = True

    def _resources(self) -> dict[str, list[dict[str, Any]]]:
        pkg = self.call("package_show", id=self.plan.dataset)
        by_name: dict[str, list[dict[str, Any]]] = {}
        for resource in pkg.get("resources", []):
            by_name.setdefault(resource.get("name", ""), []).append(resource)
        return by_name

    def _sync(self, item: FileToPublish) -> None:
        """Create, replace or keep one resource; duplicates of its name are deleted."""
        copies = self._resources().get(item.name, [])
        for extra in copies[1:]:
            self.call("resource_delete", id=extra["id"])
        current = copies[0] if copies else None
        fields = item.fields()
        if (
            current is not None
            and current.get("sha256") == item.sha256
            and current.get("url_type") == "upload"
        ):
            if any(current.get(k) != v for k, v in fields.items()):
                self.call("resource_patch", id=current["id"], **fields)
            self.report.unchanged.append(item.name)
            return
        self.progress(f"uploading {item.name} ({item.size:,} bytes)")
        with item.path.open("rb") as handle:
            upload = {"upload": (item.path.name, handle)}
            if current is None:
                self.call("resource_create", upload, package_id=self.plan.dataset, **fields)
            else:
                self.call("resource_patch", upload, id=current["id"], **fields)
        self.report.uploaded.append(item.name)

    def _remove_stale(self) -> None:
        """Resources this tool published earlier (they carry `sha256`) that the package dropped."""
        planned = {f.name for f in self.plan.files}
        for name, copies in self._resources().items():
            for resource in copies:
                if name not in planned and resource.get("sha256"):
                    self.call("resource_delete", id=resource["id"])
                    self.report.removed.append(name)

    def _verify(self) -> None:
        """Download every resource back and compare its sha256 with the local file's."""
        self.report.verified.clear()
        resources = self._resources()
        for item in self.plan.files:
            copies = resources.get(item.name, [])
            if len(copies) != 1:
                raise PublishError(
                    f"{item.name}: the portal holds {len(copies)} resources of this name, not 1"
                )
            resource = copies[0]
            if not isinstance(resource.get("url"), str):
                raise _Malformed(f"{item.name}: the portal gives no download address for it")
            got = self._download_sha256(resource["url"])
            if got != item.sha256 or resource.get("sha256") != item.sha256:
                raise PublishError(
                    f"{item.name}: the portal's copy has sha256 {got} (recorded: {resource.get('sha256')}), "
                    f"the local file {item.sha256}"
                )
            self.report.verified.append(item.name)
        self.progress(f"verified {len(self.report.verified)} files: sha256 identical")

    def _download_sha256(self, url: str) -> str:
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

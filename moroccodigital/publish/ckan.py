"""Publish the built dataset to a CKAN portal: one dataset, updated in place, every file verified.

`publish_ckan` carries out a plan from ckan_plan.py through `ckanapi`.  Each step re-reads the
dataset before it writes, so a step retried after a timeout or a 5xx never duplicates a resource.
A resource whose sha256 (kept in its `sha256` field, and as `sha256:<hex>` in CKAN's `hash`)
matches the local file is not uploaded again; afterwards every resource is downloaded back and
its sha256 compared.

The API token is read from an environment variable, sent only to the portal's own origin, and
scrubbed from every message this module produces.  ckanapi is imported only when publishing, so
loading the data never needs it (it comes with the `publish` extra).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from moroccodigital.publish.ckan_plan import TOKEN_ENV, FileToPublish, Plan, PublishError, plan_publication

__all__ = ["TOKEN_ENV", "Plan", "PublishError", "PublishReport", "plan_publication", "publish_ckan"]

TIMEOUT = (10.0, 120.0)
"""Seconds to connect and to wait for an answer; uploads of a few MB fit well inside."""

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass
class PublishReport:
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

    def summary(self) -> str:
        if self.dry_run:
            return self.plan.render()
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
        return "\n".join(lines)


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
) -> PublishReport:
    """Create or update the dataset on a CKAN portal, upload what changed, verify every file.

    `retries` attempts per step, waiting `backoff` seconds, then twice as long, and so on.
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
    if not token.isprintable() or any(ch.isspace() for ch in token):
        raise PublishError(
            f"the API token in {token_env} contains spaces or control characters; copy it again"
        )
    with _Session(plan, token, report, progress, retries, backoff) as session:
        session.publish()
    return report


class _Transient(Exception):
    """A failure worth retrying: a timeout, a dropped connection, a 5xx or 429 answer."""


class _Session:
    """One publication: the ckanapi client, retries, and error messages without the token."""

    def __init__(
        self, plan: Plan, token: str, report: PublishReport, progress: Progress, retries: int, backoff: float
    ) -> None:
        import ckanapi  # type: ignore[import-untyped]
        import requests

        self.plan, self.token, self.report, self.progress = plan, token, report, progress
        self.retries, self.backoff = max(1, retries), backoff
        self.errors = ckanapi.errors
        self.requests = requests
        http = requests.Session()
        http.hooks["response"].append(self._raise_transient_status)
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

    def _redact(self, text: str) -> str:
        for form in {self.token, repr(self.token)[1:-1]}:
            text = text.replace(form, "[token]")
        return text

    def _fail(self, step: str, reason: str) -> PublishError:
        done = self.report
        lines = [f"publishing to {self.plan.url} failed while {step}: {reason}"]
        if done.created:
            lines.append(f"  the dataset {self.plan.dataset} was created")
        lines.append(f"  already uploaded: {', '.join(done.uploaded) or 'nothing'}")
        if done.unchanged:
            lines.append(f"  already on the portal, unchanged: {len(done.unchanged)} file(s)")
        lines.append("  running the same command again resumes: unchanged files are not sent twice")
        return PublishError(self._redact("\n".join(lines)))

    def _step(self, step: str, action: Callable[[], Any]) -> Any:
        """Run a step, retrying transient failures; every other failure becomes a PublishError."""
        errors, attempt = self.errors, 1
        while True:
            try:
                return action()
            except (_Transient, self.requests.Timeout, self.requests.ConnectionError) as err:
                reason = f"{type(err).__name__}: {err}"
                if attempt >= self.retries:
                    raise self._fail(step, f"{reason} (gave up after {attempt} attempts)") from None
                self.progress(f"retrying ({attempt}/{self.retries - 1}) after {self._redact(reason)}")
                time.sleep(self.backoff * 2 ** (attempt - 1))
                attempt += 1
            except PublishError as err:
                raise self._fail(step, str(err)) from None
            except errors.NotAuthorized:
                raise self._fail(
                    step, "the token is not allowed to do this (see docs/publishing.md)"
                ) from None
            except errors.ValidationError as err:
                raise self._fail(step, f"the portal refused it: {getattr(err, 'error_dict', err)}") from None
            except errors.NotFound as err:
                raise self._fail(step, f"not found: {err}") from None
            except (OSError, errors.CKANAPIError, errors.ServerIncompatibleError) as err:
                raise self._fail(step, f"{type(err).__name__}: {str(err)[:500]}") from None

    def call(self, action: str, files: dict[str, Any] | None = None, /, **data: Any) -> Any:
        """One CKAN action through ckanapi, with a timeout (ckanapi's default is none)."""
        return self.remote.call_action(action, data, files=files, requests_kwargs={"timeout": TIMEOUT})

    def publish(self) -> None:
        """The dataset first, then each file, then what the package dropped, then the check."""
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
        with self.remote.session.get(url, headers=headers, stream=True, timeout=TIMEOUT) as response:
            response.raise_for_status()
            for block in response.iter_content(1 << 16):
                digest.update(block)
        return digest.hexdigest()

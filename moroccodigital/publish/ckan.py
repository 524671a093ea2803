"""Publish the built dataset to a CKAN portal: one dataset, updated in place, every file verified.

`publish_ckan` carries out a plan from ckan_plan.py through the client of ckan_client.py.  Each
step re-reads the dataset before it writes, so a step retried after a timeout or a 5xx never
duplicates a resource.  Resources are found again by their `path` field (older publications
named them by path, so the name is the fallback).  A resource whose sha256 (kept in its
`sha256` field, and as `sha256:<hex>` in CKAN's `hash`) matches the local file is not uploaded
again; afterwards every resource is downloaded back and its sha256 compared.

The licence is the portal's own id for it (ckan_fields.choose_licence).  Where the portal runs
the DataStore, each CSV table is loaded into it with its data dictionary (ckan_dictionary.py).
A field someone changed on the portal since the last publication is set back, and the report
names it (the digests of what the last publication set are kept in `moroccodigital_fields`).

The DCAT resource is not the committed data/dcat.jsonld, which names no address: once the data
files are on the portal, the DCAT is written again with each file's resource URL as its
`downloadURL` and the dataset's page on the portal as its landing page, and that is uploaded
(like any file, only when its sha256 differs from the portal's copy).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset.dcat import BadBaseURL, data_paths
from moroccodigital.dataset.metadata import load_descriptors
from moroccodigital.paths import DCAT
from moroccodigital.publish.ckan_client import Client, Malformed, Progress
from moroccodigital.publish.ckan_dictionary import datastore_fields, datastore_records, dictionary_of
from moroccodigital.publish.ckan_errors import NotPermitted, PublishError, TokenRejected
from moroccodigital.publish.ckan_fields import (
    FINGERPRINT,
    choose_licence,
    comparable,
    fingerprint,
    overwritten,
)
from moroccodigital.publish.ckan_plan import TOKEN_ENV, FileToPublish, Plan, plan_publication
from moroccodigital.publish.ckan_report import PublishReport
from moroccodigital.publish.dcat_file import dcat_text
from moroccodigital.publish.http_deadline import REQUEST_SECONDS, RUN_SECONDS, Deadline

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


def _quiet(_: str) -> None:
    return None


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
    datastore: bool = True,
    progress: Progress = _quiet,
    retries: int = 4,
    backoff: float = 1.0,
    request_deadline: float = REQUEST_SECONDS,
    run_deadline: float = RUN_SECONDS,
) -> PublishReport:
    """Create or update the dataset on a CKAN portal, upload what changed, verify every file.

    `retries` attempts per step, waiting `backoff` seconds, then twice as long, and so on.  No
    request may take longer than `request_deadline` seconds (it is then retried like a timeout),
    and the whole run no longer than `run_deadline`.  With `datastore` (and a portal that runs
    it), the CSV tables are loaded into the DataStore with their data dictionary; otherwise each
    table resource carries its Table Schema in its `schema` field instead.
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
    with (
        tempfile.TemporaryDirectory(prefix="moroccodigital-publish-") as work,
        Client(plan.url, token, progress, retries, backoff, deadline, report.done) as client,
    ):
        _Publication(plan, client, report, datastore, Path(work)).publish()
    return report


STALE_EXTRA = re.compile(r"source_\d+")
"""Extras this tool writes one of per source: those beyond the package's sources are dropped."""


class _Publication:
    """One publication's steps, each through the client (retried, within the deadlines)."""

    def __init__(
        self, plan: Plan, client: Client, report: PublishReport, datastore: bool, work: Path
    ) -> None:
        self.plan, self.client, self.report = plan, client, report
        self.files = list(plan.files)
        """The plan's files; the DCAT among them is replaced by the one written for the portal."""
        self.work = work
        """A scratch folder for the DCAT written for the portal."""
        self.errors = client.errors
        self.wanted: dict[str, Any] = dict(plan.metadata)
        self.use_datastore = datastore
        self.datastore = False
        """Whether the data dictionary goes into the DataStore (else into each `schema` field)."""

    def call(self, action: str, files: dict[str, Any] | None = None, /, **data: Any) -> Any:
        return self.client.call(action, files, **data)

    def publish(self) -> None:
        """The token, the dataset, the portal's licences, each file, what was dropped, the check."""
        step = self.client.step
        step("checking the API token and the organization", self._check_access)
        existing = step("looking the dataset up", self._dataset)
        step("reading the portal's licences and plugins", self._portal)
        if existing is None:
            self.client.progress(f"creating dataset {self.plan.dataset} in {self.plan.organization}")
            existing = step("creating the dataset", self._create_dataset)
            self.report.created = True
        else:
            step("updating the dataset's fields", lambda: self._update_dataset(existing))
        for index, item in enumerate(self.files):
            if item.name == DCAT:
                write = functools.partial(self._portal_dcat, item)
                item = self.files[index] = step("writing the DCAT with the portal's addresses", write)
            step(f"publishing {item.name}", functools.partial(self._sync, item))
        step("removing resources no longer in the package", self._remove_stale)
        if self.datastore:
            for item in self.files:
                if item.rows is not None:
                    step(f"loading {item.name} into the DataStore", functools.partial(self._load, item))
        step("verifying the portal's copies", self._verify)

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

    def _portal(self) -> None:
        """The portal's id for the licence, whether it runs the DataStore, and the fields to send."""
        if self.plan.licence is not None:
            chosen, warning = choose_licence(self.call("license_list"), self.plan.licence)
            self.wanted["license_id"] = chosen
            if warning:
                self.report.warnings.append(warning)
        extensions = self.call("status_show").get("extensions") or []
        self.datastore = self.use_datastore and "datastore" in extensions
        fields = [k for k in self.wanted if k not in ("tags", "extras")]
        ours = [e["key"] for e in self.wanted["extras"]]
        record = fingerprint(comparable(self.wanted, fields, ours))
        self.wanted["extras"] = [*self.wanted["extras"], {"key": FINGERPRINT, "value": record}]

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
        created: dict[str, Any] = self.call("package_create", owner_org=self.plan.organization, **self.wanted)
        return created

    def _update_dataset(self, pkg: dict[str, Any]) -> None:
        """Set the package's fields, keeping extras others added; name the edits it reverts."""
        wanted = dict(self.wanted)
        ours = [e["key"] for e in wanted["extras"] if e["key"] != FINGERPRINT]
        fields = [k for k in wanted if k not in ("tags", "extras")]
        extras = {e["key"]: e["value"] for e in pkg.get("extras", [])}
        stale = [k for k in extras if STALE_EXTRA.fullmatch(k) and k not in ours]
        theirs = [{"key": k, "value": v} for k, v in extras.items() if k not in ours + stale + [FINGERPRINT]]
        wanted["extras"] = sorted(theirs + wanted["extras"], key=lambda e: str(e["key"]))
        now, goal = comparable(pkg, fields, ours), comparable(self.wanted, fields, ours)
        recorded = extras.get(FINGERPRINT)
        if now == goal and not stale and recorded == fingerprint(goal):
            return
        where = f"dataset {self.plan.dataset}"
        self.report.restored += [f"{where}: {key}" for key in overwritten(now, goal, recorded)]
        self.client.progress("updating the dataset's fields")
        self.call("package_patch", id=pkg["id"], **wanted)
        self.report.metadata_updated = True

    def _resources(self) -> dict[str, list[dict[str, Any]]]:
        """The dataset's resources by their `path` (or, published before paths were kept, name)."""
        pkg = self.call("package_show", id=self.plan.dataset)
        by_path: dict[str, list[dict[str, Any]]] = {}
        for resource in pkg.get("resources", []):
            key = resource.get("path") or resource.get("name", "")
            by_path.setdefault(str(key), []).append(resource)
        return by_path

    def _sync(self, item: FileToPublish) -> None:
        """Create, replace or keep one resource; duplicates of its path are deleted."""
        copies = self._resources().get(item.name, [])
        for extra in copies[1:]:
            self.call("resource_delete", id=extra["id"])
        current = copies[0] if copies else None
        goal = item.fields()
        if self.datastore:
            goal.pop("schema", None)  # the DataStore's data dictionary holds it
        fields = {**goal, FINGERPRINT: fingerprint(goal)}
        if (
            current is not None
            and current.get("sha256") == item.sha256
            and current.get("url_type") == "upload"
        ):
            now = {k: current.get(k) or "" for k in goal}
            if now != goal or current.get(FINGERPRINT) != fields[FINGERPRINT]:
                where = f"resource {item.name}"
                edits = overwritten(now, goal, current.get(FINGERPRINT))
                self.report.restored += [f"{where}: {key}" for key in edits]
                self.call("resource_patch", id=current["id"], **fields)
            self.report.unchanged.append(item.name)
            return
        self.client.progress(f"uploading {item.name} ({item.size:,} bytes)")
        with item.path.open("rb") as handle:
            upload = {"upload": (item.path.name, handle)}
            if current is None:
                self.call("resource_create", upload, package_id=self.plan.dataset, **fields)
            else:
                self.call("resource_patch", upload, id=current["id"], **fields)
        self.report.uploaded.append(item.name)

    def _portal_dcat(self, item: FileToPublish) -> FileToPublish:
        """The DCAT file giving each data file its resource URL; the data files precede it in the plan."""
        resources, data = self._resources(), self.plan.data_dir
        downloads: dict[str, str] = {}
        for path in data_paths(load_descriptors(data)):
            url = (resources.get(path) or [{}])[0].get("url")
            if not isinstance(url, str):
                raise Malformed(f"{path}: the portal gives no download address for it")
            downloads[path] = url
        try:
            text = dcat_text(data, downloads, landing_page=self.report.dataset_url)
        except BadBaseURL as err:
            raise Malformed(f"the portal gives an address a harvester cannot fetch: {err}") from None
        out = self.work / item.path.name
        out.write_text(text, encoding="utf-8")
        written = dataclasses.replace(item, path=out, sha256=sha256_file(out), size=out.stat().st_size)
        self.report.dcat, self.report.dcat_addresses = written, len(downloads)
        return written

    def _remove_stale(self) -> None:
        """Resources this tool published earlier (they carry `sha256`) that the package dropped."""
        planned = {f.name for f in self.plan.files}
        for name, copies in self._resources().items():
            for resource in copies:
                if name not in planned and resource.get("sha256"):
                    self.call("resource_delete", id=resource["id"])
                    self.report.removed.append(name)

    def _load(self, item: FileToPublish) -> None:
        """A CSV table's rows and data dictionary in the DataStore, replaced when either changed."""
        if item.rows is None:
            return
        resource = self._resources()[item.name][0]
        fields = datastore_fields(json.loads(item.schema))
        records = datastore_records(item.rows)
        try:
            current = self.call("datastore_search", resource_id=resource["id"], limit=0)
        except self.errors.NotFound:
            current = None
        if current is not None:
            same = current.get("total") == len(records) and dictionary_of(current) == fields
            if same and item.name not in self.report.uploaded:
                return
            self.call("datastore_delete", resource_id=resource["id"], force=True)
        self.client.progress(f"loading {item.name} into the DataStore ({len(records)} rows)")
        self.call("datastore_create", resource_id=resource["id"], force=True, fields=fields, records=records)
        self.report.loaded.append(item.name)

    def _verify(self) -> None:
        """Download every resource back and compare its sha256 with the local file's."""
        self.report.verified.clear()
        resources = self._resources()
        for item in self.files:
            copies = resources.get(item.name, [])
            if len(copies) != 1:
                raise PublishError(
                    f"{item.name}: the portal holds {len(copies)} resources of this path, not 1"
                )
            resource = copies[0]
            if not isinstance(resource.get("url"), str):
                raise Malformed(f"{item.name}: the portal gives no download address for it")
            got = self.client.download_sha256(resource["url"])
            if got != item.sha256 or resource.get("sha256") != item.sha256:
                raise PublishError(
                    f"{item.name}: the portal's copy has sha256 {got} (recorded: {resource.get('sha256')}), "
                    f"the local file {item.sha256}"
                )
            self.report.verified.append(item.name)
        self.client.progress(f"verified {len(self.report.verified)} files: sha256 identical")

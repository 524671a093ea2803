"""What a CKAN publication did, resource by resource: the result `publish ckan` prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from moroccodigital.publish.ckan_plan import FileToPublish, Plan
from moroccodigital.results import Rendered


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
    loaded: list[str] = field(default_factory=list)
    """CSV tables loaded into the portal's DataStore, with their data dictionary."""
    restored: list[str] = field(default_factory=list)
    """Fields changed on the portal since the last publication that it set back: `where: field`."""
    warnings: list[str] = field(default_factory=list)
    dcat: FileToPublish | None = None
    """The DCAT file published, written with the portal's addresses (None until it is written)."""
    dcat_addresses: int = 0
    """How many files it gives the portal's address of, as their downloadURL."""

    @property
    def dataset_url(self) -> str:
        return f"{self.plan.url}/dataset/{self.plan.dataset}"

    @property
    def files(self) -> tuple[FileToPublish, ...]:
        """The files as published: the plan's, with the DCAT written for the portal in its place."""
        dcat = self.dcat
        return tuple(dcat if dcat is not None and f.name == dcat.name else f for f in self.plan.files)

    ok = True
    """A publication that returns has verified every file it sent; one that fails raises."""

    def done(self) -> list[str]:
        """What had been done when a step failed, for its message."""
        lines = [f"  the dataset {self.plan.dataset} was created"] if self.created else []
        lines.append(f"  already uploaded: {', '.join(self.uploaded) or 'nothing'}")
        if self.unchanged:
            lines.append(f"  already on the portal, unchanged: {len(self.unchanged)} file(s)")
        return lines

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
        if self.dcat is not None:
            state = "uploaded" if self.dcat.name in self.uploaded else "unchanged on the portal"
            lines.append(
                f"  dcat:      {self.dcat.name} giving {self.dcat_addresses} files their portal address "
                f"as downloadURL (sha256:{self.dcat.sha256}, {state})"
            )
        if self.loaded:
            lines.append(f"  datastore: {len(self.loaded)} table(s) loaded with their data dictionary")
        lines += [
            f"  restored:  {r} (changed on the portal; the package's value is back)" for r in self.restored
        ]
        lines += [f"  warning:   {w}" for w in self.warnings]
        return lines

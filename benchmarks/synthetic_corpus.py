"""A synthetic corpus for the scale benchmarks: the seeds copied over and over, as valid renamed copies.

Copy k of a seed is the same article under a new file name, with its source id and every id its
annotation file defines (unnamed actors, roles, events, agreements, targets, commitments) renamed, so the
copies are valid annotations the build accepts.  Shared by the audit and build benchmarks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFINED = {
    "unnamed_actors": "actor_id",
    "roles": "role_id",
    "events": "event_id",
    "agreements": "agreement_id",
    "targets": "target_id",
}
"""The sections of a seed's annotation file whose entries define an id, and the id's key."""


def defined_ids(annotation: str) -> list[str]:
    """The source id and every id the annotation file defines."""
    doc = yaml.safe_load(annotation)
    ids = [doc["source"]["source_id"]]
    for section, key in DEFINED.items():
        ids += [item[key] for item in doc.get(section) or []]
    # a commitment stated in a copy is the copy's own, not one the registry groups with the original
    ids += sorted({t["commitment_id"] for t in doc.get("targets") or [] if t.get("commitment_id")})
    return ids


def renamed(annotation: str, ids: list[str], suffix: str, file_name: str, new_name: str) -> str:
    """The annotation text with each defined id (as a whole id, not part of a longer one) and the
    text's file name renamed."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda m: m.group(1) + suffix, annotation).replace(file_name, new_name)


def seed_count() -> int:
    """How many articles the project has today: the smallest synthetic corpus."""
    return len(list((ROOT / "seeds").glob("*.yaml")))


def default_sizes() -> list[int]:
    """The corpus sizes the scale benchmarks measure unless told: today's seeds, then 50 to 500."""
    return [seed_count(), 50, 250, 500]


def write_seeds(folder: Path, articles: int) -> None:
    """A project folder whose seeds/ holds `articles` valid copies of the seeds (and the registry)."""
    seeds = folder / "seeds"
    shutil.copytree(ROOT / "seeds" / "registry", seeds / "registry")
    originals = sorted((ROOT / "seeds").glob("*.yaml"))
    if articles < len(originals):  # the registry's names and groups need every seed's passages
        raise SystemExit(f"a synthetic corpus has at least the {len(originals)} seeds, not {articles}")
    for i in range(articles):
        yaml_path = originals[i % len(originals)]
        copy, text_name = i // len(originals), yaml_path.with_suffix(".txt").name
        annotation = yaml_path.read_text(encoding="utf-8")
        if copy == 0:
            new_stem, suffix = yaml_path.stem, ""
        else:
            new_stem, suffix = f"{yaml_path.stem}-copy{copy:03d}", f"-copy{copy:03d}"
        shutil.copyfile(yaml_path.with_suffix(".txt"), seeds / f"{new_stem}.txt")
        text = renamed(annotation, defined_ids(annotation), suffix, text_name, f"{new_stem}.txt")
        (seeds / f"{new_stem}.yaml").write_text(text, encoding="utf-8")


def write_project(folder: Path, articles: int) -> None:
    """A buildable project: the synthetic seeds plus the files the build reads beside them."""
    write_seeds(folder, articles)
    for name in ("pyproject.toml", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, folder / name)

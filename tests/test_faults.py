"""Interrupted, concurrent and failing builds never leave data/ and schemas/ half-written."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import snapshot

from moroccodigital.dataset import build as build_module
from moroccodigital.dataset.build import build, recover
from moroccodigital.dataset.verify import verify_package
from moroccodigital.errors import BuildError

CHECKPOINTS = ["written", "validated", "swap-data", "swap-schemas", "committed"]


def _outputs(project: Path) -> dict[str, bytes]:
    citation = project / "CITATION.cff"
    return (
        {f"data/{k}": v for k, v in snapshot(project / "data").items()}
        | {f"schemas/{k}": v for k, v in snapshot(project / "schemas").items()}
        | ({"CITATION.cff": citation.read_bytes()} if citation.is_file() else {})
    )


def _change_a_gloss(project: Path) -> None:
    seed = project / "seeds" / "003_d3c2d790c9a48fca.yaml"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("gloss: in Rabat}", "gloss: in Rabat (changed)}", 1), encoding="utf-8")


def _build_process(project: Path, kill_at: str | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    if kill_at:
        env["MOROCCODIGITAL_KILL_AT"] = kill_at
    return subprocess.Popen(
        [sys.executable, "-m", "moroccodigital", "build", "--root", str(project)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def expected_after(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What a completed build with the changed annotation writes."""
    other = tmp_path_factory.mktemp("after")
    for name in ("seeds", "data", "schemas", "pyproject.toml", "CHANGELOG.md"):
        source = project / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, other / name)
    _change_a_gloss(other)
    build(other)
    return _outputs(other)


@pytest.mark.parametrize("checkpoint", CHECKPOINTS)
def test_a_build_killed_at_a_checkpoint_leaves_the_old_or_the_complete_new_outputs(
    project: Path, expected_after: dict[str, bytes], checkpoint: str
) -> None:
    before = _outputs(project)
    assert before != expected_after
    _change_a_gloss(project)
    process = _build_process(project, kill_at=checkpoint)
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    recover(project)
    assert _outputs(project) == (expected_after if checkpoint == "committed" else before)
    assert not list(project.glob(".build-*")) and not list(project.glob(".*.previous"))


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.3, 1.8, 2.2])
def test_a_build_killed_at_any_moment_never_leaves_a_mixture(
    project: Path, expected_after: dict[str, bytes], delay: float
) -> None:
    before = _outputs(project)
    _change_a_gloss(project)
    process = _build_process(project)
    time.sleep(delay)
    process.kill()
    process.communicate(timeout=120)
    recover(project)
    assert _outputs(project) in (before, expected_after)


def test_the_next_build_recovers_by_itself_after_a_kill(
    project: Path, expected_after: dict[str, bytes]
) -> None:
    _change_a_gloss(project)
    process = _build_process(project, kill_at="swap-schemas")
    process.communicate(timeout=120)
    build(project)
    assert _outputs(project) == expected_after


def test_two_builds_started_at_once_corrupt_nothing(project: Path) -> None:
    first, second = _build_process(project), _build_process(project)
    results = [p.communicate(timeout=120) for p in (first, second)]
    codes = [first.returncode, second.returncode]
    assert 0 in codes
    for code, (_, err) in zip(codes, results, strict=True):
        assert code == 0 or "another build is running in this project" in err
    assert verify_package(project / "data") == []


def test_a_full_disk_while_writing_gives_a_clear_error_and_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _outputs(project)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "data/events.parquet")

    monkeypatch.setattr(build_module.pq, "write_table", full)
    with pytest.raises(BuildError, match="No space left on device while writing the new files"):
        build(project)
    assert _outputs(project) == before


def test_a_read_only_folder_during_the_swap_is_rolled_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _outputs(project)
    _change_a_gloss(project)
    real_rename = Path.rename

    def refuse_schemas(self: Path, target: Path) -> Path:
        if self.name == "schemas" and self.parent == project:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_schemas)
    with pytest.raises(BuildError, match="Read-only file system while putting the new files in place"):
        build(project)
    monkeypatch.undo()
    assert _outputs(project) == before


def test_a_symlinked_data_folder_is_refused_before_anything_is_written(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "data", elsewhere)
    (project / "data").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    with pytest.raises(BuildError) as caught:
        build(project)
    assert caught.value.problems[0].code == "output-refused"
    assert (project / "data").is_symlink() and snapshot(elsewhere) == before


def test_a_stale_previous_copy_is_never_restored_over_good_data(
    project: Path, expected_after: dict[str, bytes]
) -> None:
    stale = project / ".data.previous"
    shutil.copytree(project / "data", stale)
    for file in sorted(stale.glob("*.parquet"))[::2]:
        file.unlink()  # half deleted, as a failed clean-up leaves it
    _change_a_gloss(project)
    build(project)
    assert _outputs(project) == expected_after
    assert not stale.exists()


def test_a_previous_copy_that_cannot_be_removed_stops_the_build_and_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(project / "data", project / ".data.previous")
    before = _outputs(project)
    real_rmtree = shutil.rmtree

    def read_only(path: object, *args: object, **kwargs: object) -> None:
        if str(path).endswith(".data.previous"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_rmtree(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "rmtree", read_only)
    _change_a_gloss(project)
    with pytest.raises(BuildError) as caught:
        build(project)
    assert caught.value.problems[0].code == "os-error"
    assert _outputs(project) == before


def test_an_empty_journal_from_a_full_disk_is_recovered_by_the_next_build(
    project: Path, expected_after: dict[str, bytes]
) -> None:
    (project / ".build-swap.json").write_bytes(b"")
    _change_a_gloss(project)
    build(project)
    assert _outputs(project) == expected_after
    assert not (project / ".build-swap.json").exists()


def test_a_full_disk_while_writing_the_journal_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, expected_after: dict[str, bytes]
) -> None:
    before = _outputs(project)
    real_open = Path.open

    def full(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == ".build-swap.json.part":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", full)
    _change_a_gloss(project)
    with pytest.raises(BuildError):
        build(project)
    assert _outputs(project) == before
    monkeypatch.undo()
    build(project)
    assert _outputs(project) == expected_after


def test_citation_cff_is_swapped_with_the_data_or_not_at_all(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _outputs(project)
    real_rename = Path.rename

    def refuse_citation(self: Path, target: Path) -> Path:
        if self.name == "CITATION.cff" and ".build-" in str(self):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_citation)
    _change_a_gloss(project)
    with pytest.raises(BuildError):
        build(project)
    assert _outputs(project) == before
    assert (project / "CITATION.cff").read_bytes()

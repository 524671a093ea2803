"""Every mistake a user can make at the command line ends in one line and its exit code, never a traceback.

Each case runs the real command (`python -m moroccodigital ...`) in a fresh process, as a user
would, and reads what it printed.  The exit codes are the table in `moroccodigital.errors`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, missing, snapshot

import moroccodigital as md


def run(
    *args: str, cwd: Path, prelude: str = "", launcher: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter; `prelude` runs first (e.g. to hide a module), and
    `launcher` is what starts the interpreter (e.g. in a private mount namespace)."""
    code = f"{prelude}\nimport sys\nfrom moroccodigital.cli import main\nsys.exit(main(sys.argv[1:]))"
    env = {k: v for k, v in os.environ.items() if k != "CKAN_API_TOKEN"}
    return subprocess.run(
        [*launcher, sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def read_only(folder: Path) -> tuple[str, ...]:
    """A launcher that runs the command with `folder` a read-only file system, even for root: a
    read-only bind mount of it onto itself in a private mount namespace (`unshare -rm`), which
    nothing outside the command sees.  The command starts inside the mounted folder."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        missing("unshare and mount (util-linux), to make a folder read-only for one command")
    bind = ["mount", "--bind", "-o", "ro", str(folder), str(folder)]
    probe = subprocess.run(["unshare", "-rm", *bind], capture_output=True, text=True, check=False)
    if probe.returncode != 0:  # installed but forbidden (a container without namespaces): no install helps
        pytest.skip(f"this machine forbids a private mount namespace (unshare -rm): {probe.stderr.strip()}")
    return ("unshare", "-rm", "sh", "-c", 'mount --bind -o ro "$0" "$0" && cd "$0" && exec "$@"', str(folder))


def one_line(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(md.data_dir(), copy)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return copy


def test_draft_of_a_missing_article(tmp_path: Path) -> None:
    one_line(run("draft", "missing.txt", cwd=tmp_path), 5, "missing.txt")


def test_codebook_outside_a_checkout_writes_nothing(tmp_path: Path) -> None:
    one_line(run("codebook", cwd=tmp_path), 5, "not a moroccodigital checkout", "not-a-checkout")
    assert list(tmp_path.iterdir()) == []


def test_build_outside_a_checkout(tmp_path: Path) -> None:
    one_line(run("build", cwd=tmp_path), 5, "--root")
    assert list(tmp_path.iterdir()) == []


def test_figures_without_the_figures_extra_names_the_install_line(tmp_path: Path) -> None:
    result = run(
        "figures", "--out", str(tmp_path), cwd=tmp_path, prelude="import sys; sys.modules['networkx'] = None"
    )
    one_line(result, 3, "pip install 'moroccodigital[figures]'")


def test_export_sqlite_without_the_explore_extra_names_the_install_line(tmp_path: Path) -> None:
    prelude = "import sys; sys.modules['sqlite_utils'] = None"
    result = run("export", "--sqlite", str(tmp_path / "x.db"), cwd=tmp_path, prelude=prelude)
    one_line(result, 3, "pip install 'moroccodigital[explore]'")


@pytest.mark.parametrize("command", ["info", "validate", "figures", "export-sqlite"])
@pytest.mark.parametrize("damage", ["not JSON", "no resources", "missing"])
def test_a_damaged_descriptor_is_one_line(data_copy: Path, tmp_path: Path, command: str, damage: str) -> None:
    descriptor = data_copy / "datapackage.json"
    if damage == "missing":
        descriptor.unlink()
    else:
        descriptor.write_text(
            "{not json" if damage == "not JSON" else json.dumps({"name": "x"}), encoding="utf-8"
        )
    args = {
        "info": ["info", "--data", str(data_copy)],
        "validate": ["validate", "--data", str(data_copy)],
        "figures": ["figures", "--data", str(data_copy), "--out", str(tmp_path / "figs")],
        "export-sqlite": ["export", "--sqlite", str(tmp_path / "x.db"), "--data", str(data_copy)],
    }[command]
    result = run(*args, cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (1, 5), result.stderr


def test_a_malformed_package_yaml_is_reported_not_raised(project: Path) -> None:
    (project / "seeds" / "registry" / "package.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result = run("build", "--root", str(project), cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert "package.yaml" in result.stderr


def test_a_missing_package_yaml_says_it_is_not_a_checkout(project: Path) -> None:
    (project / "seeds" / "registry" / "package.yaml").unlink()
    one_line(run("build", "--root", str(project), cwd=project), 5, "package.yaml")


def test_bare_command_prints_help(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.returncode == 0 and "usage: moroccodigital" in result.stdout


def test_version_is_the_package_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.stdout.strip() == f"moroccodigital {md.__version__}"


def test_audit_outside_a_checkout_audits_the_installed_seeds(tmp_path: Path) -> None:
    result = run("audit", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "100" in result.stdout


@pytest.mark.parametrize("command", ["build", "codebook"])
def test_a_read_only_project_root_is_one_line(project: Path, command: str) -> None:
    shutil.copytree(ROOT / "docs", project / "docs")
    before = snapshot(project)
    result = run(command, cwd=project, launcher=read_only(project))
    one_line(result, 5, str(project), "Read-only file system", "[os-error]")
    assert snapshot(project) == before

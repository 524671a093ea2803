"""The wheel carries the data: installed in a fresh environment outside the repository, it loads
every table offline, under pandas 3 and under pandas 2."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

from moroccodigital import __version__

OFFLINE_LOAD = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network use during load")
socket.socket.connect = refuse
socket.create_connection = refuse
import moroccodigital as md, pandas
assert "site-packages" in md.__file__, md.__file__
assert str(md.data_dir()).endswith("moroccodigital/_data"), md.data_dir()
frames = md.load_all()
assert all(len(f) for name, f in frames.items() if name != "initiative_aliases")  # no text names one yet
assert len(md.texts()) == len(md.load("sources"))
print(pandas.__version__, sum(len(f) for f in frames.values()))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("moroccodigital-*.whl")
    return built


def _fresh_env(tmp: Path, wheel: Path, extra: list[str]) -> Path:
    """A new virtual environment with the wheel installed; other dependencies come from this
    environment through a .pth file placed after the new environment's own site-packages."""
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True)
    python = tmp / "venv" / "bin" / "python"
    if extra:
        subprocess.run([str(python), "-m", "pip", "install", "-q", *extra], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "zz_parent_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_wheel_carries_every_data_file_the_texts_and_the_notice(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in (ROOT / "data").rglob("*"):
        if data_file.is_file():
            assert f"moroccodigital/_data/{data_file.relative_to(ROOT / 'data')}" in names
    assert {f"moroccodigital/_seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")} <= names
    finder = ROOT / "moroccodigital" / "finder"
    vocabulary = {
        f"moroccodigital/finder/{p.name}" for p in finder.iterdir() if p.suffix in {".yaml", ".txt"}
    }
    assert "moroccodigital/finder/words.yaml" in vocabulary and vocabulary <= names
    assert f"moroccodigital-{__version__}.dist-info/licenses/NOTICE" in names
    assert "moroccodigital/py.typed" in names


def test_the_installed_wheel_loads_every_table_offline_outside_the_repository(
    wheel: Path, tmp_path: Path
) -> None:
    python = _fresh_env(tmp_path, wheel, [])
    run = subprocess.run(
        [str(python), "-c", OFFLINE_LOAD], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("3.")


def test_the_loader_tests_pass_under_pandas_2(wheel: Path, tmp_path: Path) -> None:
    python = _fresh_env(tmp_path, wheel, ["pandas>=2.2,<3"])
    run = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_loader.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    check = subprocess.run(
        [str(python), "-c", OFFLINE_LOAD], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert check.stdout.startswith("2.")

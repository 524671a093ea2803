"""Where things are: every folder and file name of a project and of a built package, named once.

Two places hold the dataset.  A *project* is a source checkout: `seeds/` (texts, annotations and
`registry/`), the built `data/` and `schemas/`, and `docs/`, under one root.  An *installed*
package carries a copy of the built data and of the seed texts inside itself (`_data/`, `_seeds/`,
put there by the wheel build).  In both, the seed texts sit beside the data folder, which is how
a data folder finds its texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moroccodigital.errors import NotFound

PACKAGE = Path(__file__).resolve().parent
"""The installed `moroccodigital` package folder."""

DESCRIPTOR = "datapackage.json"
"""The Data Package descriptor, at the top of a data folder (Parquet resources)."""
CSV_DESCRIPTOR = "csv/datapackage.json"
"""The CSV twin's descriptor, relative to the data folder."""
DESCRIPTORS = (DESCRIPTOR, CSV_DESCRIPTOR)
CSV = "csv"
CROISSANT = "croissant.json"
DCAT = "dcat.jsonld"
CITATION = "CITATION.cff"
"""Written at the project root (where citation tools look), generated from the descriptor."""

SEEDS = "seeds"
REGISTRY = "registry"
PACKAGE_META = "package.yaml"
"""Dataset-level metadata (title, licences, contributors), in seeds/registry/."""
DATA = "data"
SCHEMAS = "schemas"
DOCS = "docs"
TEXT_FOLDERS = ("_seeds", SEEDS)
"""Where the seed texts sit beside a data folder: in the wheel (_seeds) or a checkout (seeds)."""

INSTALLED_DATA = PACKAGE / "_data"
INSTALLED_SEEDS = PACKAGE / "_seeds"


class NotAProject(NotFound):
    """A command that works on a checkout was run where there is none."""

    code = "not-a-checkout"


@dataclass(frozen=True)
class Project:
    """A source checkout: the folders the build reads and writes, under one root."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / SEEDS

    @property
    def registry(self) -> Path:
        return self.root / SEEDS / REGISTRY

    @property
    def package_meta(self) -> Path:
        return self.registry / PACKAGE_META

    @property
    def data(self) -> Path:
        return self.root / DATA

    @property
    def schemas(self) -> Path:
        return self.root / SCHEMAS

    @property
    def docs(self) -> Path:
        return self.root / DOCS

    @property
    def codebook(self) -> Path:
        return self.docs / "codebook.md"

    @property
    def coding_rules(self) -> Path:
        return self.docs / "coding_rules.md"

    @property
    def figures(self) -> Path:
        return self.docs / "figures"

    @property
    def citation(self) -> Path:
        return self.root / CITATION

    def require(self, *needed: Path) -> Project:
        """Itself, if it holds what a command needs (by default its annotations); else NotAProject."""
        for path in needed or (self.package_meta,):
            if not path.exists():
                raise NotAProject(
                    f"{self.root} is not a moroccodigital checkout (no {path.relative_to(self.root)}); "
                    "run this command from the project's root or give --root"
                )
        return self


def checkout() -> Project | None:
    """The checkout this package is imported from (an editable install), if it is one."""
    project = Project(PACKAGE.parent)
    return project if project.package_meta.is_file() else None


def installed_data() -> Path:
    """The data folder this package ships: `_data/` in a wheel, else its checkout's `data/`."""
    if (INSTALLED_DATA / DESCRIPTOR).is_file():
        return INSTALLED_DATA
    project = checkout()
    if project is not None and (project.data / DESCRIPTOR).is_file():
        return project.data
    raise NotFound(
        "no moroccodigital data found: reinstall the package, or run `moroccodigital build` in a checkout"
    )


def installed_seeds() -> Path:
    """The seed texts and annotations this package ships (`_seeds/`, or its checkout's `seeds/`)."""
    if INSTALLED_SEEDS.is_dir():
        return INSTALLED_SEEDS
    project = checkout()
    return project.seeds if project is not None else INSTALLED_SEEDS


def texts_beside(data: Path) -> Path | None:
    """The folder of seed texts beside a data folder (`_seeds/` or `seeds/`), if there is one."""
    return next((data.parent / n for n in TEXT_FOLDERS if (data.parent / n).is_dir()), None)

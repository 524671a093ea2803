"""moroccodigital: Morocco's digital transformation and technology cooperation, as data.

    >>> import moroccodigital as md
    >>> md.tables()                 # names, descriptions, row counts
    >>> events = md.load("events")  # a typed pandas DataFrame (the report level)
    >>> md.occurrences().conflicts  # the event level: where several reports of one event disagree
    >>> md.open("path/to/data").load("events")  # the same, from another built data folder

Nothing heavy is imported here: pandas and pyarrow load on the first table you ask for.
"""

from importlib.metadata import PackageNotFoundError, version

from moroccodigital.dataset.loaders import (
    DataIntegrityError,
    Dataset,
    Occurrences,
    Passage,
    TableInfo,
    arrow,
    columns,
    data_dir,
    descriptor,
    evidence,
    load,
    load_all,
    occurrences,
    open,
    package,
    path,
    records,
    schema,
    table_names,
    tables,
    text,
    texts,
)

try:
    __version__ = version("moroccodigital")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "DataIntegrityError",
    "Dataset",
    "Occurrences",
    "Passage",
    "TableInfo",
    "__version__",
    "arrow",
    "columns",
    "data_dir",
    "descriptor",
    "evidence",
    "load",
    "load_all",
    "occurrences",
    "open",
    "package",
    "path",
    "records",
    "schema",
    "table_names",
    "tables",
    "text",
    "texts",
]

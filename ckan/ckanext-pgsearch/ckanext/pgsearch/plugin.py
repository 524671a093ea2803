"""The plugin: routes CKAN's dataset index and search to PostgreSQL instead of Solr.

CKAN has no search-backend interface (checked on 2.11 and 2.12), so this replaces internals:
the index and query classes that `ckan.lib.search.index_for`/`query_for` look up, the
`PackageSearchQuery` name that `model_dictize` uses directly, the Solr connection that
`PackageSearchIndex.index_package` sends its document to, and the Solr schema check run at
start-up.  `check_internals` fails loudly, at start-up, if a CKAN upgrade moved any of them.
"""

from __future__ import annotations

import logging
from typing import Any

import ckan
import ckan.lib.search as search
import ckan.lib.search.index as search_index
import ckan.plugins as plugins
from ckan import model

from ckanext.pgsearch import index, query

log = logging.getLogger(__name__)

TESTED_CKAN = "2.12.0"


class InternalsChanged(RuntimeError):
    """CKAN no longer has the internals this plugin replaces: pin CKAN back or port the plugin."""


def check_internals() -> None:
    """Raise if any internal that `install` replaces is missing or has another shape."""
    problems = []
    for name in ("_INDICES", "_QUERIES"):
        table = getattr(search, name, None)
        if not isinstance(table, dict) or "package" not in table:
            problems.append(f"ckan.lib.search.{name} is no longer a dict with a 'package' entry")
    for owner, name in (
        (search, "PackageSearchQuery"),
        (search, "check_solr_schema_version"),
        (search_index, "make_connection"),
        (search_index, "PackageSearchIndex"),
    ):
        if not hasattr(owner, name):
            problems.append(f"{owner.__name__}.{name} is gone")
    if not callable(getattr(search_index.PackageSearchIndex, "index_package", None)):
        problems.append("PackageSearchIndex.index_package is gone")
    if problems:
        raise InternalsChanged(
            f"ckanext-pgsearch was written for CKAN {TESTED_CKAN}; CKAN {ckan.__version__} differs: "
            + "; ".join(problems)
        )


def _check_index_table() -> bool:
    """Stands in for the Solr schema check: the index is a table, created at start-up."""
    return True


def install() -> None:
    """Point CKAN's search lookups at this plugin's classes (idempotent)."""
    check_internals()
    if ckan.__version__ != TESTED_CKAN:
        log.warning("ckanext-pgsearch is tested with CKAN %s, running on %s", TESTED_CKAN, ckan.__version__)
    search._INDICES["package"] = index.PgPackageSearchIndex
    search._QUERIES["package"] = query.PgPackageSearchQuery
    search.PackageSearchQuery = query.PgPackageSearchQuery  # type: ignore[misc]
    search.check_solr_schema_version = _check_index_table  # type: ignore[assignment]
    search_index.make_connection = index.writer  # type: ignore[assignment]


class PgSearchPlugin(plugins.SingletonPlugin):
    """Load with `ckan.plugins = pgsearch`; needs no settings."""

    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IConfigurable)

    def update_config(self, config: Any) -> None:
        # IConfigurer runs before CKAN's Solr schema check, so that check is replaced in time.
        install()

    def configure(self, config: Any) -> None:
        # IConfigurable runs after the database engine exists.
        index.create_table(model.meta.engine)

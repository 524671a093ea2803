"""The dataset index as a PostgreSQL table, written in CKAN's own database session.

CKAN builds each dataset's search document itself (`PackageSearchIndex.index_package`: extras,
tags, organization, resources, permission labels, plugins' `before_dataset_index`) and hands it
to a Solr connection.  Here that connection is an upsert into `pgsearch_package` through
`model.Session`, so the index row commits or rolls back with the dataset it describes.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.common import config
from ckan.lib.search.index import PackageSearchIndex

TABLE_DDL = """
CREATE TABLE IF NOT EXISTS pgsearch_package (
    site_id text NOT NULL,
    package_id text NOT NULL,
    doc jsonb NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (site_id, package_id)
)
"""

BODY_FIELDS = (
    "name",
    "title",
    "notes",
    "text",
    "urls",
    "license",
    "tags",
    "groups",
    "organization",
    "res_name",
    "res_description",
    "author",
    "maintainer",
    "version",
)
"""The fields CKAN's Solr schema copies into its catch-all `text` field (plus every extra)."""


def create_table(engine: sa.engine.Engine) -> None:
    """Create the index table once; CKAN's migrations know nothing of it."""
    with engine.begin() as conn:
        conn.execute(sa.text(TABLE_DDL))


def site_id() -> str:
    return str(config.get("ckan.site_id"))


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if v not in (None, "")]


def body_of(doc: dict[str, Any]) -> str:
    """The free-text body of a document: what an unfielded search term is matched against."""
    parts: list[str] = []
    for key, value in doc.items():
        if key in BODY_FIELDS or key.startswith(("extras_", "res_extras_")):
            parts.extend(_strings(value))
    return "\n".join(parts)


class Writer:
    """Stands in for the pysolr connection that `index_package` sends its document to."""

    def add(self, docs: list[dict[str, Any]], commit: bool = False) -> None:
        # `commit` is Solr's; the database transaction of the dataset decides here.
        for doc in docs:
            model.Session.execute(
                sa.text(
                    "INSERT INTO pgsearch_package (site_id, package_id, doc, body)"
                    " VALUES (:site, :id, CAST(:doc AS jsonb), :body)"
                    " ON CONFLICT (site_id, package_id)"
                    " DO UPDATE SET doc = EXCLUDED.doc, body = EXCLUDED.body"
                ),
                {
                    "site": doc["site_id"],
                    "id": doc["id"],
                    "doc": json.dumps(doc, default=str),
                    "body": body_of(doc),
                },
            )


def writer() -> Writer:
    """Replaces `ckan.lib.search.index.make_connection`."""
    return Writer()


class PgPackageSearchIndex(PackageSearchIndex):
    """CKAN's own document building; deletes and clears go to the table."""

    def delete_package(self, pkg_dict: dict[str, Any]) -> None:
        model.Session.execute(
            sa.text(
                "DELETE FROM pgsearch_package WHERE site_id = :site"
                " AND (package_id = :ref OR doc->>'name' = :ref)"
            ),
            {"site": site_id(), "ref": pkg_dict.get("id")},
        )

    def clear(self) -> None:
        model.Session.execute(
            sa.text("DELETE FROM pgsearch_package WHERE site_id = :site"), {"site": site_id()}
        )
        model.Session.commit()

    def commit(self) -> None:
        """Nothing to do: rows are committed with the database transaction."""

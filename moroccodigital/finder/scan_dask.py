# mypy: disable-error-code="no-untyped-call,no-any-return"
# (dask's DataFrame API is untyped: its calls return Any)
"""The scan on Dask: the same `candidates_batch`, mapped over Dask partitions.

Install the `dask` extra (`dask[dataframe]`, `distributed`).  `candidates_dask` turns any Dask
DataFrame of articles (doc_id, text) into one of candidates, for corpora already held in Dask;
`scan_dask` reads a folder like `scan` and writes the same Parquet file, computing a few
partitions at a time on whatever scheduler is active (a `distributed.Client`, if one exists).
A partition holds whole texts in memory; `candidates_batch` cuts a long one into the same
windows the local scan streams, so both give the same candidates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from moroccodigital.finder.scan import (
    ARTICLES,
    BATCH_BYTES,
    CANDIDATES,
    ScanSummary,
    article_batches,
    candidates_batch,
    is_scan_output,
    read_articles,
)
from moroccodigital.safewrite import UnsafeOutput, atomic_path, check_output

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd


def candidates_frame(articles: pd.DataFrame) -> pd.DataFrame:
    """One partition: a pandas frame of articles → a pandas frame of candidates."""
    batch = pa.RecordBatch.from_pandas(articles, schema=ARTICLES, preserve_index=False)
    return candidates_batch(batch).to_pandas()


def candidates_dask(articles: dd.DataFrame) -> dd.DataFrame:
    """A Dask DataFrame of articles (doc_id, text) → a Dask DataFrame of candidates."""
    return articles.map_partitions(candidates_frame, meta=CANDIDATES.empty_table().to_pandas())


def _articles_frame(names: list[str], directory: Path) -> pd.DataFrame:
    return read_articles(directory, names)[0].to_pandas()


def scan_dask(
    directory: Path, out: Path, *, batch_bytes: int = BATCH_BYTES, in_flight: int = 8, force: bool = False
) -> ScanSummary:
    """Like `scan`, on Dask: one partition per batch of files, `in_flight` partitions at a time."""
    import dask.dataframe as dd
    from dask.base import compute

    if not directory.is_dir():
        raise UnsafeOutput(f"{directory} is not a folder")
    check_output(out, force=force, ours=is_scan_output)
    summary = ScanSummary(out)
    plan = list(article_batches(directory, batch_bytes, summary.skipped))  # names only: the partitions
    summary.files = sum(map(len, plan))
    if not plan:
        with atomic_path(out) as tmp:
            pq.write_table(CANDIDATES.empty_table(), tmp)
        return summary
    articles = dd.from_map(
        _articles_frame, plan, directory=directory, meta=ARTICLES.empty_table().to_pandas()
    )
    parts = candidates_dask(articles).to_delayed()
    with atomic_path(out) as tmp, pq.ParquetWriter(tmp, CANDIDATES, compression="zstd") as writer:
        for i in range(0, len(parts), in_flight):
            for frame in compute(*parts[i : i + in_flight]):
                table = pa.Table.from_pandas(frame, schema=CANDIDATES, preserve_index=False)
                writer.write_table(table)
                summary.candidates += table.num_rows
    summary.bytes = sum((directory / name).stat().st_size for names in plan for name in names)
    return summary


def scan_on_cluster(directory: Path, out: Path, scheduler: str, *, force: bool = False) -> ScanSummary:
    """`scan_dask` on a Dask cluster: a scheduler's address, or "local" for a cluster on this machine."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with LocalCluster(dashboard_address=None) as cluster, Client(cluster):
            return scan_dask(directory, out, force=force)
    with Client(scheduler):
        return scan_dask(directory, out, force=force)

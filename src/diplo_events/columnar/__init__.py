"""Columnar data: the Parquet store, its Arrow schema, and functions over Arrow record batches.

Needs pyarrow (``pip install 'diplo-events[arrow]'``), imported on first use;
without it the functions raise `MissingDependencyError`. See
``docs/arrow-schema.md`` for the tables and ``docs/interop.md`` for Spark,
Dask and DuckDB.
"""

from ._schema import SCHEMA_VERSION, arrow_schema, schema_markdown
from .store import events_dataset, read_parquet, write_parquet, write_records

__all__ = [
    "SCHEMA_VERSION",
    "arrow_schema",
    "events_dataset",
    "read_parquet",
    "schema_markdown",
    "write_parquet",
    "write_records",
]

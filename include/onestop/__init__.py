"""One-Stop pipeline: nightly OSOS/REOS extracts to a published DuckDB warehouse.

Python here moves and checks data (generate, verify, ingest, gate, publish);
the metrics themselves (entry lag, timeliness) are SQL in ``dbt_project/``.
"""

__version__ = "0.1.0"

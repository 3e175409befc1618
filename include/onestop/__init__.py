"""One-Stop pipeline: nightly OSOS/REOS extracts to a published DuckDB warehouse.

Python here moves and checks data; the metrics themselves (entry lag,
timeliness, readiness, RESEA, access compliance) are SQL in ``dbt_project/``.
The package is grouped into rooms that follow the data's way:

- ``contract``: what a nightly drop holds (entities, codes, control file, the doc);
- ``nightly``: one module per DAG task (plan, verify, land, quarantine, gate,
  build, publish, clean_up) and the load audit;
- ``privacy``: what leaves the landing drop (protect, pseudonymise, permissions,
  leak scan);
- ``synthetic``: the generator of synthetic drops for the demo and the tests;
- ``reports``: the run summary and the data-quality site (read the marts only);
- ``ops``: the ``onestop`` command, the local Airflow runner, alerts, bench;
- at the top: ``settings``, ``errors``, ``calendar``, ``sql``.

Arrows go one way: ``dags`` → ``nightly`` → ``contract``, ``privacy``;
``nightly`` never imports ``synthetic``, ``reports`` or ``ops``.
"""

__version__ = "0.1.0"

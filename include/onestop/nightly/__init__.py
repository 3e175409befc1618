"""The nightly run, one module per step of the DAG, in the order the DAG runs them.

``plan`` names the attempt; ``verify`` holds the drop against its control file;
``land`` reads every file, as text, into a per-attempt landing database;
``quarantine`` sets row-level faults aside; ``gate`` runs the Great Expectations
suites and the row-count collapse check (``volume``); ``build`` promotes the night
into a candidate warehouse's ``raw`` schema (``promote``, identifiers
pseudonymised) and runs ``dbt build`` (``dbt_runner``); ``publish`` swaps the
audited candidate in; ``clean_up`` deletes the attempt's scratch files. Every
step writes its outcome to the load ``audit`` under its own name. ``run`` runs
every step in this process, without Airflow.

Each step is a plain function of the settings and a ``Night``, so the DAG file
stays thin and tests and tools call the same code. Arrows go one way: this
package uses ``contract`` and ``privacy``, never ``synthetic`` or ``reports``.
"""

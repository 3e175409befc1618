"""Running the pipeline: the ``onestop`` command, the local Airflow runner, alerts, bench."""

"""DAG integrity, in the manner of the Astro project template: imports, policy, shape."""

from __future__ import annotations

import pytest

APPROVED_TAGS = {"onestop", "osos", "reos", "nightly"}


@pytest.fixture(scope="module")
def dag_bag():
    from airflow.dag_processing.dagbag import DagBag

    from tests.support import PROJECT_ROOT

    return DagBag(dag_folder=str(PROJECT_ROOT / "dags"))


def test_no_import_errors(dag_bag) -> None:
    assert dag_bag.import_errors == {}
    assert "onestop_nightly" in dag_bag.dags


def test_every_dag_has_approved_tags_retries_and_docs(dag_bag) -> None:
    for dag_id, dag in dag_bag.dags.items():
        assert dag.tags and set(dag.tags) <= APPROVED_TAGS, dag_id
        assert dag.default_args.get("retries", 0) >= 2, dag_id
        assert dag.doc_md and len(dag.doc_md) > 200, dag_id
        assert dag.catchup is False, dag_id


def test_nightly_dag_shape(dag_bag) -> None:
    dag = dag_bag.dags["onestop_nightly"]
    assert dag.max_active_runs == 1
    assert dag.timetable.summary == "0 2 * * *"
    assert str(dag.timezone.name) == "America/New_York"
    order = ["plan", "verify", "land", "quarantine", "gate", "build", "publish", "clean_up"]
    assert set(dag.task_ids) == set(order) | {"site"}
    for upstream, downstream in zip(order, order[1:], strict=False):
        assert downstream in dag.get_task(upstream).get_flat_relative_ids(upstream=False), (
            f"{upstream} must run before {downstream}"
        )
    assert dag.get_task("clean_up").is_teardown
    # The site reports every night, blocked ones too, and never decides the run's state.
    assert dag.get_task("site").is_teardown
    assert "site" in dag.get_task("publish").get_flat_relative_ids(upstream=False)
    for task_id in ("land", "quarantine", "build", "publish"):
        assert dag.get_task(task_id).pool == "duckdb_writer", task_id

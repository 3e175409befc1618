"""The dbt docs, generated as one self-contained page into the site.

``dbt docs generate`` opens its database read-write, and a read-write open of
the published file would lock analysts out of it: it runs against a scratch
copy, which is deleted afterwards. ``--static`` inlines the manifest and
catalog into one HTML file that opens from the file system. The page tracks
nothing: the runner sets ``DBT_SEND_ANONYMOUS_USAGE_STATS=False``, which the
page reads from the manifest before loading any tracker.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from onestop.nightly.dbt_runner import run_dbt
from onestop.settings import Settings


def generate_dbt_docs(settings: Settings, target: Path) -> None:
    """Write ``target`` (an HTML file) from the published warehouse's schema.

    dbt works in a folder of its own here, so that neither this command nor the
    next nightly build re-parses the whole project because the other ran on
    another database.
    """
    scratch = settings.work_dir / "site" / "dbt_docs.duckdb"
    work = settings.work_dir / "site" / "dbt"
    scratch.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(settings.warehouse_path, scratch)
    try:
        completed = run_dbt(settings, scratch, "docs", "generate", "--static", work=work)
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
    if completed.returncode != 0:
        tail = "\n".join(completed.stdout.splitlines()[-15:])
        raise RuntimeError(f"dbt docs generate failed:\n{tail}")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(work / "target" / "static_index.html", target)

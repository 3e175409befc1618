"""Clean up: no attempt leaves its scratch files (personal data in clear) behind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from onestop.nightly.clean_up import clean_up, clear_stale_attempts
from onestop.nightly.plan import plan

NIGHT = date(2026, 11, 20)


def scratch(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "landing.duckdb").write_bytes(b"personal data in clear")
    return folder


def test_clear_stale_attempts_keeps_only_the_current_attempt(settings) -> None:
    current = plan(settings, NIGHT, "run-3")
    night_dir = Path(current.run_dir).parent
    for killed in ("run-1", "run-2"):
        scratch(Path(plan(settings, NIGHT, killed).run_dir))
    scratch(Path(current.run_dir))
    other_night = scratch(Path(plan(settings, date(2026, 11, 21), "run-1").run_dir))
    incoming = settings.warehouse_path.with_name("onestop.duckdb.incoming")
    scratch(incoming.parent)
    incoming.write_bytes(b"half-copied candidate")

    clear_stale_attempts(settings, current)

    assert [p.name for p in night_dir.iterdir()] == [current.load_id]
    assert (Path(current.run_dir) / "landing.duckdb").exists()
    assert (other_night / "landing.duckdb").exists()  # another night is not this one's
    assert not incoming.exists()
    assert (incoming.parent / "landing.duckdb").exists()  # only the staged copy goes


def test_clear_stale_attempts_on_a_first_attempt_is_a_no_op(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    clear_stale_attempts(settings, night)
    assert not Path(night.run_dir).parent.exists()


def test_clean_up_deletes_the_attempts_folder_only(settings) -> None:
    night = plan(settings, NIGHT, "run-1")
    other = plan(settings, NIGHT, "run-2")
    scratch(Path(night.run_dir) / "nested")
    scratch(Path(other.run_dir))
    clean_up(night)
    assert not Path(night.run_dir).exists()
    assert Path(other.run_dir).exists()
    clean_up(night)  # already gone: nothing to do, nothing raised

"""The ``onestop`` command's own checks, before anything runs (no Airflow, no dbt)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from onestop.ops.cli import main


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """The command sets the process umask for its files; give the test process its own back."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ONESTOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ONESTOP_PSEUDONYM_SECRET", raising=False)
    return tmp_path / "data"


def test_init_secret_writes_an_owner_only_secret_once(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["init-secret"])
    assert result.exit_code == 0, result.output
    secret = data_dir / ".pseudonym_secret"
    assert result.output == f"Wrote a local pseudonymisation secret to {secret}\n"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    value = secret.read_text().strip()
    assert len(value) == 64 and int(value, 16) >= 0
    again = CliRunner().invoke(main, ["init-secret"])
    assert again.exit_code == 0 and again.output == ""
    assert secret.read_text().strip() == value  # an existing secret is never replaced


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-21", "--to", "2026-11-20"], "--to 2026-11-20 is before --from"),
        (["--from", "2026-13-01"], "'2026-13-01' is not a date YYYY-MM-DD"),
        ([], "Missing option '--from'"),
    ],
)
def test_run_nights_refuses_a_bad_range_before_running(
    data_dir: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["run-nights", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (data_dir / "airflow").exists()  # Airflow was never configured


def test_generate_refuses_a_malformed_defect(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--nights", "1", "--defect", "no_such_kind"])
    assert result.exit_code == 2
    assert "Invalid value for --defect" in result.output
    assert not (data_dir / "landing").exists()


def test_summary_of_an_empty_data_folder(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["summary"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nights loaded:  0\nNights blocked: 0\n")

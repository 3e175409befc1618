"""Owner-only files: the umask of a pipeline step, restrict, and the check for loose modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from onestop.privacy.permissions import loose_modes, private_files, restrict, umask_for


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def current_umask() -> int:
    previous = os.umask(0)
    os.umask(previous)
    return previous


@pytest.mark.parametrize(
    ("group_readable", "file_mode", "folder_mode"), [(False, 0o600, 0o700), (True, 0o640, 0o750)]
)
def test_files_made_in_private_files_grant_nothing_to_others(
    tmp_path: Path, group_readable: bool, file_mode: int, folder_mode: int
) -> None:
    before = current_umask()
    with private_files(group_readable):
        folder = tmp_path / "warehouse"
        folder.mkdir()
        (folder / "onestop.duckdb").write_bytes(b"x")
    assert mode(folder) == folder_mode
    assert mode(folder / "onestop.duckdb") == file_mode
    assert current_umask() == before  # the umask comes back


def test_the_umask_comes_back_after_an_error(tmp_path: Path) -> None:
    before = current_umask()
    with pytest.raises(RuntimeError), private_files():
        raise RuntimeError("a failing step")
    assert current_umask() == before
    assert umask_for(False) == 0o077 and umask_for(True) == 0o027


@pytest.mark.parametrize(("group_readable", "expected"), [(False, 0o600), (True, 0o640)])
def test_restrict_takes_access_away_and_never_adds_any(
    tmp_path: Path, group_readable: bool, expected: int
) -> None:
    loose = tmp_path / "loose.duckdb"
    loose.write_bytes(b"x")
    loose.chmod(0o666)
    restrict(loose, group_readable)
    assert mode(loose) == expected
    tight = tmp_path / "tight.duckdb"
    tight.write_bytes(b"x")
    tight.chmod(0o400)
    restrict(tight, group_readable)
    assert mode(tight) == 0o400


def test_loose_modes_lists_what_grants_too_much(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "warehouse").mkdir(parents=True)
    root.chmod(0o700)
    (root / "warehouse").chmod(0o750)
    ok = root / "warehouse" / "onestop.duckdb"
    ok.write_bytes(b"x")
    ok.chmod(0o640)
    loose = root / "warehouse" / "load_audit.jsonl"
    loose.write_bytes(b"x")
    loose.chmod(0o644)
    (root / "link").symlink_to(loose)  # a symlink's own mode is not a file's
    assert loose_modes(root, group_readable=True) == [(loose, "0o644")]
    assert sorted(loose_modes(root)) == sorted(
        [(root / "warehouse", "0o750"), (ok, "0o640"), (loose, "0o644")]
    )
    loose.chmod(0o600)
    assert loose_modes(root, group_readable=True) == []

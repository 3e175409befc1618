"""Owner-only (or owner-and-group) permissions for every file the pipeline writes.

The warehouse, its ``.prev`` copy, the per-run landing and candidate databases
(the landing database holds personal data in clear), GX results, dbt and
Airflow logs, the audit log and the pseudonymisation secret are confidential
under TA 17-7. Rather than chmod each file after the fact (and miss the ones
libraries write), the pipeline's entry points run under a restrictive umask:
files are created 0o600 and folders 0o700, or 0o640 / 0o750 when
``ONESTOP_GROUP_READABLE`` is set so an analysts' group can read the warehouse.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OWNER_ONLY_UMASK = 0o077
OWNER_AND_GROUP_UMASK = 0o027


def umask_for(group_readable: bool) -> int:
    return OWNER_AND_GROUP_UMASK if group_readable else OWNER_ONLY_UMASK


@contextmanager
def private_files(group_readable: bool = False) -> Iterator[None]:
    """Create every file and folder in the block without access for others (umask).

    The umask is process-wide: the block is meant for a whole pipeline step or
    command, and the previous umask comes back afterwards.
    """
    previous = os.umask(umask_for(group_readable))
    try:
        yield
    finally:
        os.umask(previous)


def restrict(path: Path, group_readable: bool = False) -> None:
    """Take access for others away from one existing file or folder (and group write)."""
    mask = umask_for(group_readable)
    path.chmod(path.stat().st_mode & 0o777 & ~mask)


def loose_modes(root: Path, group_readable: bool = False) -> list[tuple[Path, str]]:
    """Files and folders under ``root`` that grant more than the policy allows."""
    mask = umask_for(group_readable)
    found = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode & 0o777
        if mode & mask:
            found.append((path, oct(mode)))
    return found

"""Land: every file of a verified drop, as delivered, into a per-attempt landing database.

The gate must see the files exactly as delivered (every column as text, personal
data included), so each file lands as VARCHAR columns with lineage columns (which
night, file, line and load). The landing database lives in the attempt's scratch
folder and is deleted when the attempt ends (``clean_up``).

Before DuckDB reads a file, its bytes are checked against the contract's format:
DuckDB's CSV reader refuses these files too, but its message is about the reader
("Error when sniffing file", "byte sequence mismatch") rather than the contract.
These checks name the file, the line and the contract rule broken, so the person
re-delivering the drop knows what to fix. A UTF-8 byte order mark is allowed
(DuckDB skips it): it is how many Windows tools write UTF-8, and it changes no value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from onestop.contract import ENTITIES
from onestop.errors import DropBlocked
from onestop.nightly.audit import record_blocked, record_step
from onestop.nightly.crash_points import crash_point
from onestop.nightly.plan import Night
from onestop.settings import Settings

BOM = b"\xef\xbb\xbf"
# Delimiters an export tool may use instead of the contract's comma.
OTHER_DELIMITERS = {";": "semicolon", "\t": "tab", "|": "pipe"}


def _broken(night: date, file: str, line: int, rule: str, problem: str) -> DropBlocked:
    return DropBlocked(night, f"{file}, line {line}: rule '{rule}' broken: {problem}")


def check_file_bytes(path: Path, night: date) -> None:
    """Raise ``DropBlocked`` if the file cannot be a comma-separated UTF-8 CSV."""
    data = path.read_bytes()
    if not data:
        raise _broken(night, path.name, 1, "file starts with a header line", "the file is empty")
    _check_utf8(night, path.name, data)
    header = data.removeprefix(BOM).split(b"\n", 1)[0].decode("utf-8")
    if "," not in header:
        for delimiter, name in OTHER_DELIMITERS.items():
            if delimiter in header:
                raise _broken(
                    night,
                    path.name,
                    1,
                    "fields separated by commas",
                    f"the header has no comma but {header.count(delimiter)} {name}(s)",
                )
    if not data.endswith(b"\n"):
        raise _broken(
            night,
            path.name,
            data.count(b"\n") + 1,
            "every line ends with a newline",
            "the last line is cut short (file truncated)",
        )


def _check_utf8(night: date, file: str, data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _broken(
            night,
            file,
            line,
            "text is UTF-8",
            f"byte 0x{data[exc.start]:02X} at character {column} is not UTF-8",
        ) from None


@dataclass(frozen=True)
class LandedFile:
    entity: str
    file: str
    rows: int


def land(settings: Settings, night: Night) -> dict[str, int]:
    """Land the night's drop; return the rows landed per table."""
    try:
        landed = land_drop(night.drop_dir(settings), night.day, night.landing_db, night.load_id)
    except DropBlocked as exc:
        record_blocked(settings, night, "land", exc)
        raise
    for f in landed:
        record_step(settings, night, "land", "ok", "", file=f.file, entity=f.entity, rows=f.rows)
    return {f.entity: f.rows for f in landed}


def land_drop(
    drop_dir: Path, extract_date: date, landing_db: Path, load_id: str
) -> list[LandedFile]:
    """Load every contract file of a verified drop into ``landing_db``, all text.

    A file DuckDB cannot read as a comma-separated UTF-8 CSV blocks the night
    with the reader's own message (it names the line).
    """
    landing_db.parent.mkdir(parents=True, exist_ok=True)
    landed: list[LandedFile] = []
    with duckdb.connect(str(landing_db)) as con:
        for entity in ENTITIES:
            path = drop_dir / entity.file_name(extract_date)
            check_file_bytes(path, extract_date)
            try:
                con.execute(
                    f"""
                    create or replace table {entity.table} as
                    select
                        src.*,
                        ?::date as _extract_date,
                        ? as _source_file,
                        (row_number() over ()) + 1 as _source_line,
                        ? as _load_id
                    from read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
                                  all_varchar = true, encoding = 'utf-8') as src
                    """,
                    [extract_date, path.name, load_id, str(path)],
                )
            except duckdb.Error as exc:
                first_line = str(exc).strip().splitlines()[0]
                raise DropBlocked(
                    extract_date, f"{path.name}: cannot be read as UTF-8 CSV: {first_line}"
                ) from exc
            rows = con.execute(f"select count(*) from {entity.table}").fetchone()[0]
            landed.append(LandedFile(entity.table, path.name, rows))
            crash_point("land")
    return landed

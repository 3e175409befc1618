"""Checks of a delivered file's bytes, before DuckDB reads it.

Why before: DuckDB's CSV reader refuses these files too, but its message is
about the reader ("Error when sniffing file", "byte sequence mismatch") rather
than the contract. These checks name the file, the line and the contract rule
broken, so the person re-delivering the drop knows what to fix. A UTF-8 byte
order mark is allowed (DuckDB skips it): it is how many Windows tools write
UTF-8, and it changes no value.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from onestop.errors import DropBlocked

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

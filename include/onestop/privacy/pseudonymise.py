"""Pseudonymous keys: HMAC-SHA256 of an identifier under a secret key.

A plain hash of an SSN or a customer id can be reversed by hashing every
possible value; a keyed hash cannot without the key, which lives outside the
repository and the warehouse. The same identifier always gives the same key,
so analysts can count and join people without seeing who they are.
"""

from __future__ import annotations

import hashlib
import hmac

import duckdb

KEY_FUNCTION = "onestop_key"


def pseudonym(secret: bytes, value: str | None) -> str | None:
    """The key of one identifier; empty and missing values stay missing."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    return hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()


def register_key_function(connection: duckdb.DuckDBPyConnection, secret: bytes) -> None:
    """Make ``onestop_key(varchar)`` available to SQL on this connection (again if need be)."""
    try:
        connection.remove_function(KEY_FUNCTION)
    except duckdb.InvalidInputException:
        pass  # not registered yet on this connection
    connection.create_function(
        KEY_FUNCTION,
        lambda value: pseudonym(secret, value),
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype("VARCHAR"),
        null_handling="special",
        side_effects=False,
    )

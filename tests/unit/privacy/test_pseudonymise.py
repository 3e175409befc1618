"""Pseudonymous keys: HMAC-SHA256 under a secret, the same in Python and in SQL."""

from __future__ import annotations

import hashlib
import hmac

import duckdb
import pytest
from onestop.privacy.pseudonymise import KEY_FUNCTION, pseudonym, register_key_function

SECRET = b"unit-test-secret"


def test_a_key_is_the_hmac_sha256_of_the_identifier() -> None:
    expected = hmac.new(SECRET, b"C000123456", hashlib.sha256).hexdigest()
    assert pseudonym(SECRET, "C000123456") == expected
    assert len(expected) == 64 and int(expected, 16) >= 0


def test_keys_are_deterministic_and_keyed() -> None:
    assert pseudonym(SECRET, "C1") == pseudonym(SECRET, "C1")
    assert pseudonym(SECRET, "C1") != pseudonym(SECRET, "C2")
    assert pseudonym(SECRET, "C1") != pseudonym(b"another-secret", "C1")
    # without the secret, hashing every possible id gives another key
    assert pseudonym(SECRET, "C1") != hashlib.sha256(b"C1").hexdigest()


def test_surrounding_white_space_is_not_part_of_the_identifier() -> None:
    assert pseudonym(SECRET, "  C1\t") == pseudonym(SECRET, "C1")
    assert pseudonym(SECRET, "C 1") != pseudonym(SECRET, "C1")  # inner space is


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_identifiers_stay_missing(value) -> None:
    assert pseudonym(SECRET, value) is None


def test_the_sql_function_gives_the_python_key() -> None:
    with duckdb.connect() as con:
        register_key_function(con, SECRET)
        rows = con.execute(
            f"select {KEY_FUNCTION}(v) from (values ('C1'), (' C1 '), (''), (null)) t(v)"
        ).fetchall()
    assert rows == [(pseudonym(SECRET, "C1"),), (pseudonym(SECRET, "C1"),), (None,), (None,)]


def test_registering_twice_on_one_connection_uses_the_new_secret() -> None:
    with duckdb.connect() as con:
        register_key_function(con, SECRET)
        register_key_function(con, b"rotated")  # no "already exists" error
        (key,) = con.execute(f"select {KEY_FUNCTION}('C1')").fetchone()
    assert key == pseudonym(b"rotated", "C1")

"""The vault's connections get SQLite's larger lookaside pool (desktop/vault/lookaside.py):
with cipher_memory_security every allocation that misses the pool costs an mlock and an
munlock, so a put must not miss it for lack of room."""
from __future__ import annotations

import ctypes
import sqlite3

import pytest
import sqlcipher3

from desktop.vault import lookaside

LOOKASIDE_HIT, LOOKASIDE_MISS_FULL = 4, 6
pytestmark = pytest.mark.skipif(not lookaside._VARARGS_SAFE,
                                reason="ctypes cannot call C varargs on this platform")


def _high_water(conn, op: int) -> int:
    """SQLite's counter `op` since the last call, reset for the next."""
    cur, high = ctypes.c_int(), ctypes.c_int()
    rc = lookaside._lib.sqlite3_db_status(lookaside._handle(conn), op, ctypes.byref(cur),
                                          ctypes.byref(high), 1)
    assert rc == 0
    return high.value


def _puts(vault, n: int) -> None:
    for i in range(n):
        vault.put_record("intake", 1, {"summary": f"온라인 협박 피해 상담 {i}",
                                       "worker": "활동가 김동행", "district": "jungnang",
                                       "support_areas": ["deletion", "legal"]},
                         case_code=f"L-{i % 7}")


def test_puts_never_miss_the_pool_for_lack_of_room(vault):
    conn = vault._conn
    _puts(vault, 30)  # warm: the statements are prepared and cached
    _high_water(conn, LOOKASIDE_MISS_FULL)
    _high_water(conn, LOOKASIDE_HIT)
    _puts(vault, 30)
    # SQLite's default pool is full before a put starts (~70 misses per put, measured)
    assert _high_water(conn, LOOKASIDE_MISS_FULL) == 0
    assert _high_water(conn, LOOKASIDE_HIT) > 30 * 20


def test_only_a_connection_on_the_named_file_is_touched(tmp_path):
    conn = sqlcipher3.connect(str(tmp_path / "a.db"))
    try:
        assert lookaside.enlarge(conn, tmp_path / "other.db") is False
    finally:
        conn.close()
    plain = sqlite3.connect(str(tmp_path / "b.db"))
    try:
        assert lookaside.enlarge(plain, tmp_path / "b.db") is False
    finally:
        plain.close()


def test_the_pool_can_only_change_before_the_first_statement(tmp_path):
    conn = sqlcipher3.connect(str(tmp_path / "a.db"))
    try:
        conn.execute("CREATE TABLE t(x)")
        cursor = conn.execute("SELECT * FROM sqlite_master")  # holds pool memory
        assert lookaside.enlarge(conn, tmp_path / "a.db") is False
        cursor.close()
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    finally:
        conn.close()

"""A larger SQLite lookaside for each vault connection.

Why: `cipher_memory_security = ON` makes SQLCipher mlock every block SQLite allocates and
zero and munlock it on free: two system calls, and a VMA split and merge, per allocation.
SQLite serves small short-lived allocations (cursors, bound values, VDBE memory cells)
from a per-connection lookaside pool instead of malloc, but the default pool (about 120
slots) is held for good by the schema and by the statements Python's sqlite module keeps
prepared, so on a vault nearly every one of them misses it: measured, ~70 misses per
record put, and a put cost 4.5 ms instead of 3.2 ms. A pool of 500 slots leaves room
(peak use ~240 slots) for the transient allocations of a put.

The pool itself is one allocation, so it is mlocked and zeroed on free like any other;
slots reused inside it are not zeroed between uses, exactly like the default pool's. The
pool is freed (and zeroed) when the connection closes, which locking does.

How: SQLite's only knob for this is `sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE,
...)`, which Python's sqlite modules do not expose. We call it through ctypes on the
`sqlite3 *` that sqlcipher3's Connection object holds right after its object header (the
pysqlite layout, unchanged since pysqlite 2; the version is pinned in `requirements.lock`),
and only after checking that this handle names the file we opened. Where that cannot be
done safely (another layout, a platform where ctypes cannot call C varargs functions —
Apple arm64 passes them on the stack), the connection keeps SQLite's default and works
exactly as before, only slower.
"""
from __future__ import annotations

import ctypes
import os
import platform
import sys

import sqlcipher3

SQLITE_DBCONFIG_LOOKASIDE = 1001
SLOT_SIZE = 1200   # SQLite's default slot size: a cursor or a bound text fits
SLOTS = 500        # ~600 KiB per connection
_VARARGS_SAFE = not (sys.platform == "darwin" and platform.machine() == "arm64")

_lib: ctypes.CDLL | None
try:
    _lib = ctypes.CDLL(sqlcipher3._sqlite3.__file__)
    _lib.sqlite3_db_filename.restype = ctypes.c_char_p
    _lib.sqlite3_db_filename.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
except (OSError, AttributeError):  # a build without exported symbols
    _lib = None


def _handle(conn) -> ctypes.c_void_p | None:
    """The `sqlite3 *` of a sqlcipher3 connection, or None if it is not where pysqlite
    keeps it."""
    if type(conn) is not sqlcipher3.Connection:
        return None
    address = ctypes.c_void_p.from_address(id(conn) + object.__basicsize__).value
    return ctypes.c_void_p(address) if address else None


def enlarge(conn, path: os.PathLike | str) -> bool:
    """Give `conn` (just opened on `path`, no statement run yet) a pool of SLOTS slots.
    True if done; False leaves SQLite's default pool in place."""
    if _lib is None or not _VARARGS_SAFE:
        return False
    db = _handle(conn)
    if db is None:
        return False
    name = _lib.sqlite3_db_filename(db, b"main")
    if not name or os.path.realpath(os.fsdecode(name)) != os.path.realpath(path):
        return False
    rc = _lib.sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, None,
                                ctypes.c_int(SLOT_SIZE), ctypes.c_int(SLOTS))
    return rc == 0

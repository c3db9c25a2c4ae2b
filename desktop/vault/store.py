"""The SQLCipher connection: raw-key keying, the production settings, transactions."""
from __future__ import annotations

import ctypes
import os
import resource
import sys
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from crypto.secret import SecretBytes
from desktop.vault import lookaside
from desktop.vault.errors import DiskFull, VaultCorrupt, VaultError

BUSY_TIMEOUT_MS = 15000
PAGE_SIZE = 4096
DatabaseError = sqlcipher3.DatabaseError
PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    """No core file and no ptrace-style dump of this process: a crash must not write the
    keys and decrypted records in memory to disk."""
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def raw_key_string(data_key: SecretBytes) -> SecretBytes:
    """SQLCipher's raw-key form x'<64 hex>', built in a wipeable buffer (never a str)."""
    with data_key.hex_into() as hexed:
        out = SecretBytes(len(hexed) + 3)
        out[0:2] = b"x'"
        out[2:2 + len(hexed)] = hexed
        out[-1:] = b"'"
        return out


def connect(path: Path, data_key: SecretBytes, *, create: bool = False):
    """Open (or create) the encrypted database and prove the key with a real read.

    A wrong key is only noticed at the first statement (and raises sqlcipher3's own
    DatabaseError, not sqlite3's): the count below is that statement. An existing
    database is checked for truncation and for a schema before any setting that could
    write to it is applied, so a damaged file is left exactly as it was.
    """
    path = Path(path)
    if not create:
        if not path.is_file():
            raise VaultCorrupt("데이터베이스 파일이 없습니다", "the database file is missing")
        size = path.stat().st_size
        if size == 0 or size % PAGE_SIZE:
            raise VaultCorrupt("데이터베이스 파일이 잘렸습니다", "the database file is truncated")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                              timeout=BUSY_TIMEOUT_MS / 1000)
    lookaside.enlarge(conn, path)  # before any statement: only then may it change
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        with raw_key_string(data_key) as key:
            conn.set_key(key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not create:
            check_not_truncated(conn, path)
            if conn.execute("PRAGMA user_version").fetchone()[0] < 1:
                raise VaultCorrupt("데이터베이스에 스키마가 없습니다", "the database has no schema")
        apply_settings(conn)
    except DatabaseError as exc:
        conn.close()
        raise VaultCorrupt("데이터베이스를 읽을 수 없습니다",
                           f"the database cannot be read ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn


def apply_settings(conn) -> None:
    """The production settings (design decision 2). Also valid on a stdlib sqlite3
    connection, which the benchmark uses as its baseline."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise VaultError("WAL 모드를 켤 수 없습니다", f"cannot enable WAL (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    if sys.platform == "darwin":
        conn.execute("PRAGMA fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")


def check_not_truncated(conn, path: Path) -> None:
    """A database cut at a page boundary still opens; its header knows the real size."""
    size = os.path.getsize(path)
    if size % PAGE_SIZE:
        raise VaultCorrupt("데이터베이스 파일이 잘렸습니다", "the database file is truncated")
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return  # pages may legitimately live in the WAL only
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if size < pages * PAGE_SIZE:
        raise VaultCorrupt("데이터베이스 파일이 잘렸습니다", "the database file is truncated")


@contextmanager
def transaction(conn):
    """BEGIN IMMEDIATE ... COMMIT: one writer at a time across processes (the GUI and the
    CLI may share a vault); any exception rolls everything back."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except DatabaseError as exc:
        raise translate_db_error(exc) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        try:
            conn.execute("ROLLBACK")
        except DatabaseError:
            pass
        if isinstance(exc, DatabaseError):
            raise translate_db_error(exc) from None
        raise


def translate_db_error(exc: Exception) -> VaultError:
    text = str(exc).lower()
    if "full" in text:
        return DiskFull()
    if "locked" in text or "busy" in text:
        return VaultError("금고를 다른 프로그램이 쓰고 있습니다. 잠시 뒤 다시 시도하세요",
                          "the vault is busy in another program: try again shortly")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return VaultCorrupt("데이터베이스 읽기 오류", f"database error ({exc})")
    return VaultError(f"데이터베이스 오류: {exc}", f"database error: {exc}")

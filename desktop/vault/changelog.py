"""The change log: every change to records, files and cases, in the writing transaction.

It is the sync outbox (rows written by this device, in `device_seq` order, gapless) and the
source of the change feed (`desktop/vault/feed.py`), whichever process wrote them. Rows are
never deleted: a purge deletes the content they point to and appends a marker.

Functions take a plain DB-API connection inside the caller's transaction.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.vault.ids import now_iso, uuid7


@dataclass(frozen=True)
class Writer:
    """Who writes: the worker's display name and this vault's device id (for the outbox)."""
    actor: str
    device_id: str


@dataclass(frozen=True)
class Change:
    """One row of the change log, as the public reader returns it."""
    seq: int             # this vault's order (cursor)
    change_id: str
    device_id: str
    device_seq: int      # gapless per device: the sync sequence
    op: str              # create edit delete attach detach case_create case_open ...
    record_id: str | None
    case_id: str | None
    attachment_id: str | None
    version_id: str | None
    at: str


def _minute_before(iso: str) -> str:
    return (datetime.fromisoformat(iso) - timedelta(minutes=1)).isoformat(timespec="milliseconds")


def log_change(conn, w: Writer, op: str, *, record_id: str | None = None,
               case_id: str | None = None, attachment_id: str | None = None,
               version: int | None = None, version_id: str | None = None,
               at: str | None = None) -> None:
    at = at or now_iso()
    # The next number of this device: gapless because a rolled-back transaction takes its
    # row with it, and rows are never deleted.
    (device_seq,) = conn.execute(
        "SELECT coalesce(max(device_seq), 0) + 1 FROM changes WHERE device_id = ?",
        (w.device_id,)).fetchone()
    conn.execute("INSERT INTO changes(change_id, device_id, device_seq, op, record_id,"
                 " case_id, attachment_id, version, version_id, at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (uuid7(), w.device_id, device_seq, op, record_id, case_id, attachment_id,
                  version, version_id, at))
    if case_id:
        # Any change inside a case is the case's last change (the list's sort and column),
        # to the minute: a burst of saves in one case rewrites its row and index entry once
        # a minute, not once a save (each rewritten page is encrypted and authenticated).
        conn.execute("UPDATE cases SET updated = ? WHERE id = ? AND updated < ?",
                     (at, case_id, _minute_before(at)))


_COLS = ("seq, change_id, device_id, device_seq, op, record_id, case_id, attachment_id,"
         " version_id, at")


def changes_after(conn, cursor: int, limit: int | None = None) -> Iterator[Change]:
    """Rows after `cursor` (a `seq`; 0 = from the start), oldest first."""
    sql = f"SELECT {_COLS} FROM changes WHERE seq > ? ORDER BY seq"
    args: tuple = (cursor,)
    if limit is not None:
        sql += " LIMIT ?"
        args = (cursor, int(limit))
    for row in conn.execute(sql, args).fetchall():
        yield Change(*row)


def last_seq(conn) -> int:
    return conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]

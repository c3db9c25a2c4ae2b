"""Content keys this laptop holds, and shares: how a sealed change reaches someone it was
not sealed to when it was made.

A change is sealed once, to the devices that may open its case *at that moment*. A
teammate given the case later (`sync share`), or the same worker's next laptop, gets the
changes' content keys in a **share**: an outbox change of its own (op `share`, with the
next device sequence), whose sealed content lists `change_id -> content key` and is
sealed to the grantee's devices and the organisation. The sealed changes themselves are
never touched. To grant a key the laptop must hold it, so every key it can read is kept
here: its own (at freezing), pulled ones (at opening) and granted ones.

Functions take a DB-API connection inside the caller's transaction (or for reads).
"""
from __future__ import annotations

import base64
import json

from desktop.vault.changelog import log_change
from desktop.vault.ids import now_iso

# one share's content stays far below the protocol's 512 KiB per sealed change
KEYS_PER_SHARE = 2000


def keep(conn, keys: list[tuple[str, str | None, bytes]], source: str) -> None:
    """(change_id, case_id, content key) rows; a key already held stays as it was."""
    conn.executemany("INSERT OR IGNORE INTO sync_keys(change_id, case_id, content_key, source)"
                     " VALUES (?, ?, ?, ?)", [(c, k, bytes(key), source)
                                               for c, k, key in keys])


def key_for(conn, change_id: str) -> bytes | None:
    row = conn.execute("SELECT content_key FROM sync_keys WHERE change_id = ?",
                       (change_id,)).fetchone()
    return bytes(row[0]) if row else None


def case_keys(conn, case_id: str | None) -> dict[str, str]:
    """change_id -> base64 content key, for one case (None: changes outside any case)."""
    rows = conn.execute("SELECT change_id, content_key FROM sync_keys WHERE case_id IS ?"
                        " ORDER BY change_id", (case_id,)).fetchall()
    return {c: base64.b64encode(bytes(k)).decode("ascii") for c, k in rows}


def cases_with_keys(conn) -> list[str | None]:
    return [r[0] for r in conn.execute("SELECT DISTINCT case_id FROM sync_keys"
                                       " ORDER BY case_id")]


def new_shares(conn, w, case_id: str | None, worker: str, keys: dict[str, str]) -> list[str]:
    """Outbox changes granting `keys` (change_id -> base64 key) to `worker`, at most
    KEYS_PER_SHARE each; returns their change ids."""
    items = sorted(keys.items())
    made = []
    for i in range(0, len(items), KEYS_PER_SHARE):
        part = dict(items[i:i + KEYS_PER_SHARE])
        at = now_iso()
        log_change(conn, w, "share", case_id=case_id, at=at)
        (change_id,) = conn.execute(
            "SELECT change_id FROM changes WHERE device_id = ? ORDER BY device_seq DESC"
            " LIMIT 1", (w.device_id,)).fetchone()
        conn.execute("INSERT INTO sync_shares(change_id, worker, granted_by, keys)"
                     " VALUES (?, ?, ?, ?)",
                     (change_id, worker, w.actor, json.dumps(part, sort_keys=True)))
        made.append(change_id)
    return made


def share_of(conn, change_id: str) -> tuple[str, str, dict[str, str]] | None:
    """(grantee, granted_by, keys) of a share made here."""
    row = conn.execute("SELECT worker, granted_by, keys FROM sync_shares"
                       " WHERE change_id = ?", (change_id,)).fetchone()
    return (row[0], row[1], json.loads(row[2])) if row else None


def granted(conn, content: dict, case_id: str | None) -> int:
    """Keeps the keys of a share opened by this laptop; returns how many were new."""
    keys = content.get("keys")
    if not isinstance(keys, dict):
        return 0
    rows = []
    for change_id, b64 in keys.items():
        try:
            key = base64.b64decode(b64, validate=True)
        except (ValueError, TypeError):
            continue
        if isinstance(change_id, str) and len(key) == 32:
            rows.append((change_id, case_id, key))
    before = conn.total_changes
    keep(conn, rows, "granted")
    return conn.total_changes - before

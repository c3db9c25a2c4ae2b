"""Operation ids: a retried operation (a double click, a command run again after a crash, a
sync retry) is a no-op that returns the first run's result, never a duplicate.

The caller makes the id (a UUID) before the first try and reuses it for every retry; the
result is stored in the operation's own transaction, so "done" and "recorded as done" are
one fact. Results hold ids only, never record content.
"""
from __future__ import annotations

import json

from desktop.vault.errors import InvalidInput
from desktop.vault.ids import is_uuid, now_iso


def check_id(op_id: str) -> str:
    if not isinstance(op_id, str) or not is_uuid(op_id.lower()):
        raise InvalidInput(f"작업 id는 UUID여야 합니다: {op_id!r}",
                           f"an operation id must be a UUID: {op_id!r}")
    return op_id.lower()


def lookup(conn, op_id: str, kind: str) -> dict | None:
    row = conn.execute("SELECT kind, result FROM operations WHERE op_id = ?",
                       (check_id(op_id),)).fetchone()
    if row is None:
        return None
    if row[0] != kind:
        raise InvalidInput(f"이 작업 id는 다른 작업({row[0]})에 이미 쓰였습니다: {op_id}",
                           f"this operation id was already used for another operation "
                           f"({row[0]}): {op_id}")
    return json.loads(row[1])


def store(conn, op_id: str, kind: str, result: dict) -> None:
    conn.execute("INSERT INTO operations(op_id, kind, result, at) VALUES (?, ?, ?, ?)",
                 (check_id(op_id), kind, json.dumps(result, separators=(",", ":")), now_iso()))

"""Drafts (autosave, outside record versions and the outbox) and the encrypted k/v store.

`meta` holds small values other modules keep in the vault: the export module's signing key
and certificate, the UI's settings.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.vault import cases, records
from desktop.vault.errors import InvalidInput
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso
from desktop.vault.opened import VaultPart


@dataclass(frozen=True)
class Draft:
    key: str
    payload: dict
    case_code: str | None
    record_id: str | None
    updated: str


def _check_key(key, what: str) -> str:
    if not isinstance(key, str) or not key or len(key) > 200:
        raise InvalidInput(f"잘못된 {what} 키: {key!r}", f"bad {what} key: {key!r}")
    return key


class DraftsMixin(VaultPart):
    @open_only
    def save_draft(self, key: str, payload: dict, *, case_code: str | None = None,
                   record_id: str | None = None) -> Draft:
        """Create or replace the draft `key`. Give the case (and the record being edited,
        if any) so that purging the case destroys the draft as well."""
        _check_key(key, "draft")
        if not isinstance(payload, dict):
            raise InvalidInput("임시 저장 내용은 JSON 객체여야 합니다",
                               "a draft payload must be a JSON object")
        try:
            text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(f"JSON으로 저장할 수 없는 값입니다: {exc}",
                               f"the draft is not JSON: {exc}") from None

        def save(conn, _w):
            case_id = cases.require(conn, case_code).id if case_code else None
            if record_id is not None:
                records._latest_row(conn, record_id)
            at = now_iso()
            conn.execute("INSERT OR REPLACE INTO drafts(key, payload, case_id, record_id,"
                         " updated) VALUES (?, ?, ?, ?, ?)",
                         (key, text, case_id, record_id, at))
            return Draft(key, payload, case_code, record_id, at)
        return self._store.write(save, audited=False, drafts=True)

    @open_only
    def get_draft(self, key: str) -> Draft | None:
        row = self._store.conn.execute(
            "SELECT d.key, d.payload, c.code, d.record_id, d.updated FROM drafts d"
            " LEFT JOIN cases c ON c.id = d.case_id WHERE d.key = ?", (key,)).fetchone()
        return Draft(row[0], json.loads(row[1]), *row[2:]) if row else None

    @open_only
    def list_drafts(self) -> list[Draft]:
        rows = self._store.conn.execute(
            "SELECT d.key, d.payload, c.code, d.record_id, d.updated FROM drafts d"
            " LEFT JOIN cases c ON c.id = d.case_id ORDER BY d.updated DESC").fetchall()
        return [Draft(r[0], json.loads(r[1]), *r[2:]) for r in rows]

    @open_only
    def discard_draft(self, key: str) -> None:
        self._store.write(lambda c, w: c.execute("DELETE FROM drafts WHERE key = ?", (key,)),
                    audited=False, drafts=True)

    # -- encrypted key/value ----------------------------------------------------------------

    @open_only
    def get_meta(self, key: str) -> bytes | None:
        row = self._store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    @open_only
    def set_meta(self, key: str, value: bytes | None) -> None:
        """Store `value` (bytes) under `key`; None deletes it."""
        _check_key(key, "meta")
        if value is not None and not isinstance(value, bytes | bytearray | memoryview):
            raise InvalidInput("meta 값은 bytes여야 합니다", "meta values are bytes")

        def put(conn, _w):
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                conn.execute("INSERT OR REPLACE INTO meta(key, value, updated) VALUES (?, ?, ?)",
                             (key, bytes(value), now_iso()))
        self._store.write(put, audited=False, settings=True)

    @open_only
    def set_metas(self, items: dict[str, bytes]) -> None:
        """Several keys in one transaction: a signing key and its certificate change
        together or not at all."""
        for key, value in items.items():
            _check_key(key, "meta")
            if not isinstance(value, bytes | bytearray | memoryview):
                raise InvalidInput("meta 값은 bytes여야 합니다", "meta values are bytes")

        def put(conn, _w):
            for key, value in items.items():
                conn.execute("INSERT OR REPLACE INTO meta(key, value, updated) VALUES (?, ?, ?)",
                             (key, bytes(value), now_iso()))
        self._store.write(put, audited=False, settings=True)

    @open_only
    def meta_keys(self) -> list[str]:
        return [r[0] for r in self._store.conn.execute("SELECT key FROM meta ORDER BY key")]

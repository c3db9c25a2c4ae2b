"""Purging a case (PIPA art. 21: retention over, or the data subject asks).

One transaction deletes the case row, every version of its records, their search entries,
drafts and attachment rows (whose per-file keys die with them), and adds a purge marker
to the change log (so a server that holds the case learns of it) and an audit entry with
the case code and the reason - the fact, not the content. Change-log rows carry no
content (op, ids, version numbers) and stay, so the outbox sequence never goes back. The audit rows
of earlier events stay (append-only; they hold ids, never content). secure_delete zeroes
the freed database pages, the search index is merged so no segment keeps the words, and
the WAL is checkpointed and truncated. The encrypted files are then unlinked: without
their keys they are noise, so overwriting them (pointless on SSDs anyway) is not needed.
Backups made before the purge still hold the case: docs/security.md says so.
"""
from __future__ import annotations

import hashlib
import json

from desktop.vault import attachments, audit, cases, exports_store, outgoing, search
from desktop.vault.attachments import final_path
from desktop.vault.changelog import Writer, log_change
from desktop.vault.errors import InvalidInput
from desktop.vault.files import fsync_dir
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso
from desktop.vault.opened import VaultPart

# sync_state keys: the purge of a case (its code and reason for the request the change
# carries; a pulled order's sender), and a request pulled by a desk awaiting its order
PURGE_STATE = "purge:"
REQUEST_STATE = "purge_request:"


def _in(ids: list) -> str:
    return "(" + ",".join("?" * len(ids)) + ")"


def purge(conn, w: Writer, code: str, reason: str) -> list[str]:
    """Delete the case inside the caller's transaction; returns attachment ids to unlink.
    A synced case's purge change is a request to the center (a desk's, an order: docs/
    sync.md, "Purge across sync"); its sealed content names the case and the reason."""
    case = cases.require(conn, code)
    att_ids = destroy(conn, case)
    at = now_iso()
    log_change(conn, w, "purge", case_id=case.id, at=at)
    outgoing.set_state(conn, PURGE_STATE + case.id,
                       json.dumps({"code": case.code, "reason": reason}, ensure_ascii=False))
    _answered(conn, case.id)  # a desk's own purge is the order a request waited for
    audit.append(conn, w.actor, "purge", f"case:{case.code}", reason, at=at)
    return att_ids


def purge_ordered(conn, case_id: str, by: str) -> bool:
    """A purge order pulled from the center: the case goes as by a local purge, except
    that nothing is sent back and the audit keeps only a hash of the case id (the order's
    reason stays sealed on the center's side). False if the case was not here."""
    outgoing.set_state(conn, PURGE_STATE + case_id, json.dumps({"ordered_by": by}))
    _answered(conn, case_id)
    case = cases.by_id(conn, case_id)
    if case is None:
        return False
    destroy(conn, case)
    digest = hashlib.sha256(case_id.encode("utf-8")).hexdigest()[:16]
    audit.append(conn, by, "purge", f"case-sha256:{digest}", "ordered by the center")
    return True


def _answered(conn, case_id: str) -> None:
    conn.execute("DELETE FROM sync_state WHERE key = ?", (REQUEST_STATE + case_id,))


def requested(conn, case_id: str, request: dict) -> None:
    """A purge request pulled by a desk: kept until the desk orders (or not)."""
    if not was_purged(conn, case_id):
        outgoing.set_state(conn, REQUEST_STATE + case_id,
                           json.dumps(request, ensure_ascii=False))


def requests(conn) -> list[dict]:
    """Purge requests waiting for the desk's decision, oldest first."""
    out = []
    for key, value in conn.execute("SELECT key, value FROM sync_state WHERE key LIKE ?"
                                   " ORDER BY key", (REQUEST_STATE + "%",)):
        out.append(dict(json.loads(value), case_id=key[len(REQUEST_STATE):]))
    return sorted(out, key=lambda r: str(r.get("at", "")))


def was_purged(conn, case_id: str) -> bool:
    return outgoing.get_state(conn, PURGE_STATE + case_id) is not None


def destroy(conn, case: cases.Case) -> list[str]:
    """Deletes the case's rows (records, versions, search entries, drafts, attachment
    rows); returns attachment ids whose files the caller unlinks after the commit."""
    rows = conn.execute("SELECT n, id FROM records WHERE case_id = ?", (case.id,)).fetchall()
    ns, rids = [r[0] for r in rows], [r[1] for r in rows]
    att_ids: list[str] = []
    for start in range(0, len(rids), 500):  # stay under SQLite's bound-parameter limit
        chunk, nchunk = rids[start:start + 500], ns[start:start + 500]
        att_ids += [r[0] for r in conn.execute(
            f"SELECT id FROM attachments WHERE record_id IN {_in(chunk)}", chunk)]
        conn.execute(f"DELETE FROM search WHERE rowid IN {_in(nchunk)}", nchunk)
        conn.execute(f"DELETE FROM record_versions WHERE record_id IN {_in(chunk)}", chunk)
        conn.execute(f"DELETE FROM attachments WHERE record_id IN {_in(chunk)}", chunk)
        conn.execute(f"DELETE FROM drafts WHERE record_id IN {_in(chunk)}", chunk)
    conn.execute("DELETE FROM drafts WHERE case_id = ?", (case.id,))
    for start in range(0, len(rids), 500):
        chunk = rids[start:start + 500]
        conn.execute(f"DELETE FROM record_heads WHERE record_id IN {_in(chunk)}", chunk)
    conn.execute("DELETE FROM records WHERE case_id = ?", (case.id,))
    conn.execute("DELETE FROM cases WHERE id = ?", (case.id,))
    exports_store.forget_case(conn, case.id)  # its copies' keys; files: cleanup()
    cases.mark_shared(conn, case.code)
    if ns:
        search.optimize(conn)
    return att_ids


class PurgeMixin(VaultPart):
    @open_only
    def purge_case(self, code: str, reason: str) -> None:
        """Destroy every version, draft, change-log entry and attachment of the case; the
        audit log keeps the fact and the reason."""
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidInput("파기 사유가 필요합니다", "a reason for the purge is required")
        att_ids = self._store.write(purge, code, reason.strip())
        folder = self.paths.attachments
        for att_id in att_ids:
            final_path(folder, att_id).unlink(missing_ok=True)
        if att_ids:
            fsync_dir(folder)
        exports_store.cleanup(self._store.conn, self.paths.folder)
        try:  # push the freed pages out of the WAL; readers elsewhere may delay this
            self._store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except Exception:  # best effort: the data is already deleted
            pass

    @open_only
    def remove_orphan_files(self) -> None:
        """After pulled purge orders: their cases' files, whose rows (and keys) are gone."""
        attachments.cleanup_orphans(self._store.conn, self.paths.attachments)
        exports_store.cleanup(self._store.conn, self.paths.folder)

    @open_only
    def purge_requests(self) -> list[dict]:
        return requests(self._store.conn)

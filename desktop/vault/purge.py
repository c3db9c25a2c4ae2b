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

from desktop.vault import audit, cases, search
from desktop.vault.attachments import final_path
from desktop.vault.changelog import Writer, log_change
from desktop.vault.errors import InvalidInput
from desktop.vault.files import fsync_dir
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso
from desktop.vault.opened import VaultPart


def _in(ids: list) -> str:
    return "(" + ",".join("?" * len(ids)) + ")"


def purge(conn, w: Writer, code: str, reason: str) -> list[str]:
    """Delete the case inside the caller's transaction; returns attachment ids to unlink."""
    case = cases.require(conn, code)
    code = case.code
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
    cases.mark_shared(conn, case.code)
    at = now_iso()
    log_change(conn, w, "purge", case_id=case.id, at=at)
    audit.append(conn, w.actor, "purge", f"case:{code}", reason, at=at)
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
        try:  # push the freed pages out of the WAL; readers elsewhere may delay this
            self._store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except Exception:  # best effort: the data is already deleted
            pass

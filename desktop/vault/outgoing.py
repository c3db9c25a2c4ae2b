"""What leaves the laptop: the content of one change, read when it is frozen into the
outbox, and the outbox's own rows (sealed bytes, receipts, file progress).

A change's content is read from rows that never change after their transaction
(versions, attachment rows, the case's identity), so reading it at freeze time gives what
was written at change time. A change whose content was purged before it was frozen
travels as `purged`: the sequence stays gapless and nothing of the purged record leaves.

Functions take a plain DB-API connection inside the caller's transaction (or for reads).
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from desktop.vault.changelog import Change

CONTENT_VERSION = 1


@dataclass(frozen=True)
class Outgoing:
    """One change ready to seal: its log row, the routing facts and the content."""

    change: Change
    op: str
    record_id: str | None
    version_id: str | None
    parents: list[str]
    form: str | None
    form_version: int | None
    case_id: str | None
    attachment: dict | None
    content: dict
    grantee: str | None = None   # a share's worker


def unfrozen(conn, limit: int) -> list[Change]:
    """This vault's own changes (any of its device ids) not yet in the outbox, in order."""
    rows = conn.execute(
        "SELECT c.seq, c.change_id, c.device_id, c.device_seq, c.op, c.record_id,"
        " c.case_id, c.attachment_id, c.version_id, c.at FROM changes c"
        " WHERE c.origin = 'local' AND NOT EXISTS"
        " (SELECT 1 FROM sync_outbox o WHERE o.change_id = c.change_id)"
        " ORDER BY c.seq LIMIT ?", (int(limit),)).fetchall()
    return [Change(*r) for r in rows]


def unfrozen_case_ids(conn) -> list[str]:
    """The cases of this vault's changes not yet in the outbox (who to seal them to is
    asked once for them all)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT c.case_id FROM changes c WHERE c.origin = 'local'"
        " AND c.case_id IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM sync_outbox o WHERE o.change_id = c.change_id)"
        " ORDER BY c.case_id")]


def _case(conn, case_id: str | None) -> dict | None:
    if case_id is None:
        return None
    row = conn.execute("SELECT id, code, status, author, created, updated FROM cases"
                       " WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        return None
    return dict(zip(("id", "code", "status", "author", "created", "updated"), row,
                    strict=True))


def _version(conn, version_id: str) -> tuple[dict, dict] | None:
    row = conn.execute(
        "SELECT r.id, r.form, r.author, r.created, v.version_id, v.parents, v.op,"
        " v.form_version, v.author, v.at, v.vals, v.reason, v.device_id"
        " FROM record_versions v JOIN records r ON r.id = v.record_id"
        " WHERE v.version_id = ?", (version_id,)).fetchone()
    if row is None:
        return None
    (rid, form, rauthor, created, vid, parents, op, fv, author, at, vals, reason,
     device) = row
    record = {"id": rid, "form": form, "author": rauthor, "created": created}
    version = {"version_id": vid, "parents": json.loads(parents or "[]"), "op": op,
               "form_version": fv, "author": author, "at": at,
               "vals": json.loads(vals) if vals is not None else None, "reason": reason,
               "device_id": device}
    return record, version


def _attachment(conn, att_id: str) -> dict | None:
    row = conn.execute(
        "SELECT a.id, a.record_id, a.field, a.name, a.size, a.sha256, a.md5,"
        " a.imported_at, a.file_key, a.removed, a.removed_at, r.form, r.author, r.created,"
        " a.media_type, a.pdq, a.pdq_quality, a.vpdq, a.hash_only, a.note, a.file_mtime,"
        " a.taken_at"
        " FROM attachments a JOIN records r ON r.id = a.record_id WHERE a.id = ?",
        (att_id,)).fetchone()
    if row is None:
        return None
    keys = ("id", "record_id", "field", "name", "size", "sha256", "md5", "imported_at",
            "file_key", "removed", "removed_at", "form", "record_author", "record_created",
            "media_type", "pdq", "pdq_quality", "vpdq", "hash_only", "note", "file_mtime",
            "taken_at")
    out = dict(zip(keys, row, strict=True))
    out["file_key"] = base64.b64encode(bytes(out["file_key"])).decode("ascii")
    out["removed"] = bool(out["removed"])
    # hash-only (issue 16): no key and no file travel; the hashes and note do
    out["hash_only"] = bool(out["hash_only"])
    out["vpdq"] = json.loads(out["vpdq"]) if out["vpdq"] else None
    return out


def read(conn, change: Change) -> Outgoing:
    """The content of `change` as it is frozen. Record versions, attachment rows and a
    case's identity do not change after their transaction; a case's status travels with
    the case_* change that set it."""
    case = _case(conn, change.case_id)
    base = {"v": CONTENT_VERSION, "op": change.op, "at": change.at, "case": case}
    if change.op in ("create", "edit", "delete") and change.version_id:
        found = _version(conn, change.version_id)
        if found is not None:
            record, version = found
            content = dict(base, record=record, version=version)
            return Outgoing(change, change.op, record["id"], version["version_id"],
                            list(version["parents"]), record["form"],
                            version["form_version"], change.case_id, None, content)
    elif change.op in ("attach", "detach") and change.attachment_id:
        att = _attachment(conn, change.attachment_id)
        if att is not None:
            content = dict(base, attachment=att)
            if change.op == "detach":
                content["attachment"] = {k: att[k] for k in ("id", "record_id", "removed_at")}
            return Outgoing(change, change.op, att["record_id"], None, [], att["form"], None,
                            change.case_id, att if change.op == "attach" else None, content)
    elif change.op == "share":
        from desktop.vault import grants

        found_share = grants.share_of(conn, change.change_id)
        if found_share is not None:
            worker, by, keys = found_share
            return Outgoing(change, "share", None, None, [], None, None, change.case_id,
                            None, dict(base, worker=worker, by=by, keys=keys),
                            grantee=worker)
    elif change.op == "purge" and change.case_id:
        return _purge(conn, change, base)
    elif change.op == "note":
        from desktop.vault import notes

        note = notes.of_change(conn, change.change_id)
        if note is not None:
            return Outgoing(change, "note", None, None, [], None, None, change.case_id, None,
                            dict(base, note={"id": note.id, "text": note.text,
                                             "to": note.to_worker, "at": note.at}),
                            grantee=note.to_worker)
    elif change.op.startswith("case_"):
        return Outgoing(change, change.op, None, None, [], None, None, change.case_id, None,
                        dict(base, case=case))
    # The content is gone (purged before this change was ever frozen): a marker keeps the
    # sequence gapless and carries nothing of what was purged.
    return Outgoing(change, "purged", None, None, [], None, None, None, None,
                    {"v": CONTENT_VERSION, "op": "purged", "at": change.at, "case": None})


def _purge(conn, change: Change, base: dict) -> Outgoing:
    """A worker's purge travels as a request, a desk's as the order (docs/sync.md, "Purge
    across sync"); the sealed content names the case and the reason for the center."""
    from desktop.vault.purge import PURGE_STATE

    assert change.case_id is not None
    kept = get_state(conn, PURGE_STATE + change.case_id)
    told = json.loads(kept) if kept else {}
    role = conn.execute("SELECT role FROM sync_enrollment").fetchone()
    op = "purge_order" if role and role[0] == "desk" else "purge"
    return Outgoing(change, op, None, None, [], None, None, change.case_id, None,
                    dict(base, case={"id": change.case_id, "code": told.get("code")},
                         reason=told.get("reason")))


# -- the outbox -----------------------------------------------------------------------------

def store_frozen(conn, rows: list[tuple[str, str, int, bytes, str, str]]) -> None:
    """(change_id, device_id, device_seq, body, sha256, frozen_at) rows; a row already
    frozen is kept as it was (the first sealing is the one that travels)."""
    conn.executemany("INSERT OR IGNORE INTO sync_outbox(change_id, device_id, device_seq,"
                     " body, sha256, frozen_at) VALUES (?, ?, ?, ?, ?, ?)", rows)


def pending(conn, limit: int, from_seq: dict[str, int] | None = None) -> list[tuple]:
    """(change_id, device_id, device_seq, body) of frozen changes without a receipt, in
    device order; `from_seq` (device -> seq) also resends delivered ones from there (the
    server was restored behind its receipts)."""
    rows = conn.execute("SELECT change_id, device_id, device_seq, body FROM sync_outbox"
                        " WHERE receipt IS NULL ORDER BY device_id, device_seq LIMIT ?",
                        (int(limit),)).fetchall()
    if from_seq:
        for device, seq in from_seq.items():
            again = conn.execute("SELECT change_id, device_id, device_seq, body FROM"
                                 " sync_outbox WHERE device_id = ? AND device_seq >= ?"
                                 " AND receipt IS NOT NULL ORDER BY device_seq LIMIT ?",
                                 (device, seq, int(limit))).fetchall()
            rows = sorted({r[0]: r for r in again + rows}.values(),
                          key=lambda r: (r[1], r[2]))[:limit]
    return rows


def store_receipt(conn, change_id: str, server_seq: int, epoch: str, receipt_json: str,
                  at: str) -> None:
    conn.execute("UPDATE sync_outbox SET server_seq = ?, server_epoch = ?, receipt = ?,"
                 " delivered_at = ?, refused = NULL WHERE change_id = ?",
                 (server_seq, epoch, receipt_json, at, change_id))


def mark_refused(conn, change_id: str, why: str) -> None:
    conn.execute("UPDATE sync_outbox SET refused = ? WHERE change_id = ?", (why, change_id))


def add_file(conn, attachment_id: str, cipher_size: int, cipher_sha256: str) -> None:
    conn.execute("INSERT OR IGNORE INTO sync_files(attachment_id, cipher_size, cipher_sha256)"
                 " VALUES (?, ?, ?)", (attachment_id, cipher_size, cipher_sha256))


def set_file_offset(conn, attachment_id: str, confirmed: int, done_at: str | None) -> None:
    conn.execute("UPDATE sync_files SET confirmed = max(confirmed, ?),"
                 " done_at = coalesce(done_at, ?) WHERE attachment_id = ?",
                 (confirmed, done_at, attachment_id))


def files_lost(conn, attachment_ids: list[str]) -> int:
    """Files this vault had marked complete that the server says it lacks (restored from
    an older backup): sent again from the start. Returns how many."""
    n = 0
    for att_id in attachment_ids:
        n += conn.execute("UPDATE sync_files SET confirmed = 0, done_at = NULL"
                          " WHERE attachment_id = ? AND done_at IS NOT NULL",
                          (att_id,)).rowcount
    return n


def files_to_send(conn) -> list[tuple[str, int, str, int]]:
    """(attachment_id, cipher_size, cipher_sha256, confirmed) not yet complete, whose
    attach change has a receipt (the server knows the file is expected) and whose bytes
    are still in the vault."""
    return conn.execute(
        "SELECT f.attachment_id, f.cipher_size, f.cipher_sha256, f.confirmed FROM sync_files f"
        " JOIN attachments a ON a.id = f.attachment_id"
        " WHERE f.done_at IS NULL AND a.removed = 0 AND EXISTS (SELECT 1 FROM changes c"
        " JOIN sync_outbox o ON o.change_id = c.change_id WHERE c.op = 'attach'"
        " AND c.attachment_id = f.attachment_id AND o.receipt IS NOT NULL)"
        " ORDER BY f.attachment_id").fetchall()


# -- small state ----------------------------------------------------------------------------

def get_state(conn, key: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(conn, key: str, value: str) -> None:
    conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key)"
                 " DO UPDATE SET value = excluded.value", (key, value))


def status(conn) -> dict:
    """The counts `sync status` shows; `unfrozen_files` lists attachments whose change is
    not frozen yet (the caller adds their ciphertext sizes: the files are not in SQL)."""
    own = conn.execute("SELECT value FROM info WHERE key = 'device_id'").fetchone()[0]
    (frozen_pending,) = conn.execute(
        "SELECT count(*) FROM sync_outbox WHERE receipt IS NULL").fetchone()
    (unfrozen_n,) = conn.execute(
        "SELECT count(*) FROM changes c WHERE c.origin = 'local' AND NOT EXISTS"
        " (SELECT 1 FROM sync_outbox o WHERE o.change_id = c.change_id)").fetchone()
    (nfiles, nbytes) = conn.execute(
        "SELECT count(*), coalesce(sum(f.cipher_size - f.confirmed), 0) FROM sync_files f"
        " JOIN attachments a ON a.id = f.attachment_id"
        " WHERE f.done_at IS NULL AND a.removed = 0").fetchone()
    # files of attach changes not frozen yet: their whole ciphertext is pending
    unfrozen_files = [r[0] for r in conn.execute(
        "SELECT a.id FROM changes c JOIN attachments a ON a.id = c.attachment_id"
        " WHERE c.origin = 'local' AND c.op = 'attach' AND a.removed = 0"
        " AND a.hash_only = 0"  # a hash-only item has no file to send, ever
        " AND NOT EXISTS (SELECT 1 FROM sync_files f WHERE f.attachment_id = a.id)")]
    (conflicts,) = conn.execute("SELECT count(*) FROM records WHERE heads > 1").fetchone()
    (last_seq,) = conn.execute("SELECT coalesce(max(device_seq), 0) FROM changes"
                               " WHERE device_id = ?", (own,)).fetchone()
    (acked,) = conn.execute("SELECT coalesce(max(device_seq), 0) FROM sync_outbox"
                            " WHERE device_id = ? AND receipt IS NOT NULL", (own,)).fetchone()
    (waiting,) = conn.execute("SELECT count(*) FROM sync_inbox").fetchone()
    return {"pending_changes": frozen_pending + unfrozen_n,
            "pending_files": nfiles, "pending_bytes": nbytes, "unfrozen_files": unfrozen_files,
            "conflicts": conflicts, "last_seq": last_seq, "acked": acked,
            "last_success": get_state(conn, "last_success"), "inbox_waiting": waiting}

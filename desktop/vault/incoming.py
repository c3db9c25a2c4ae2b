"""What arrives: a pulled change's content applied to this vault.

The same tables and rules as a local edit (records.py's versions and heads, cases.py's
cases, the search index, the change log, the audit), with the ids the author's laptop
gave: a record keeps its id on every device, a version its id and parents, and the
change-log row keeps the author device's change id and sequence (`origin = 'remote'`, so
it never enters this vault's outbox). Applying twice does nothing the second time.

A version whose parent has not arrived is not applied: the caller keeps it in the inbox
as waiting, and applies it when the parent comes (never force-applied). So is a file
attached to a record not here yet.

An `attach` writes the attachment's row at once, with the file key its sealed content
carries (the record shows the file); its bytes are fetched later by the round
(desktop/vault/downloads.py). `header["file"]` is the sealed change's FileRef: the
ciphertext the bytes must be.

Functions take a plain DB-API connection inside the caller's transaction.
"""
from __future__ import annotations

import base64
import binascii
import json

from desktop.vault import audit, cases, downloads, records, search
from desktop.vault.records import encode_values

APPLIED, DUPLICATE, WAITING, UNSUPPORTED = "applied", "duplicate", "waiting", "unsupported"
PURGED = "purged"   # a purge change applied (the round then removes orphaned files)


def _purged(conn, case_id: str) -> bool:
    from desktop.vault import purge

    return purge.was_purged(conn, case_id)


def log_remote(conn, *, change_id: str, device_id: str, device_seq: int, op: str,
               record_id: str | None, case_id: str | None, attachment_id: str | None,
               version: int | None, version_id: str | None, at: str) -> None:
    conn.execute("INSERT OR IGNORE INTO changes(change_id, device_id, device_seq, op,"
                 " record_id, case_id, attachment_id, version, version_id, at, origin)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'remote')",
                 (change_id, device_id, device_seq, op, record_id, case_id, attachment_id,
                  version, version_id, at))


def _ensure_case(conn, case: dict | None) -> str | None:
    if not case or not case.get("id"):
        return None
    if cases.by_id(conn, case["id"]) is None:
        conn.execute("INSERT INTO cases(id, code, status, author, created, updated)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     (case["id"], case["code"], case.get("status", "open"), case["author"],
                      case["created"], case.get("updated") or case["created"]))
        cases.mark_shared(conn, case["code"])
    return str(case["id"])


def apply(conn, header: dict, content: dict, author: str) -> str:
    """Apply one pulled change (`header`: change_id, device_id, device_seq; `content`: the
    opened JSON). Returns APPLIED, DUPLICATE, WAITING or UNSUPPORTED."""
    if conn.execute("SELECT 1 FROM changes WHERE change_id = ?",
                    (header["change_id"],)).fetchone():
        return DUPLICATE
    op = content.get("op")
    case_id = (content.get("case") or {}).get("id")
    if op != "purge" and isinstance(case_id, str) and _purged(conn, case_id):
        return DUPLICATE  # its case was purged here: nothing of it comes back
    if op in ("create", "edit", "delete"):
        return _apply_version(conn, header, content, author)
    if op in ("case_create", "case_open", "case_closed"):
        return _apply_case(conn, header, content, author)
    if op == "attach":
        return _apply_attach(conn, header, content, author)
    if op == "detach":
        return _apply_detach(conn, header, content, author)
    if op == "purge":
        return _apply_purge(conn, header, content, author)
    if op == "note":
        return _apply_note(conn, header, content, author)
    return UNSUPPORTED


def _apply_note(conn, header: dict, content: dict, author: str) -> str:
    from desktop.vault import notes

    if not notes.received(conn, header["change_id"], content, author):
        return UNSUPPORTED
    log_remote(conn, change_id=header["change_id"], device_id=header["device_id"],
               device_seq=header["device_seq"], op="note", record_id=None,
               case_id=(content.get("case") or {}).get("id"), attachment_id=None,
               version=None, version_id=None, at=str(content.get("at") or ""))
    audit.append(conn, author, "pulled", "note", "from the center")
    return APPLIED


def _apply_purge(conn, header: dict, content: dict, author: str) -> str:
    """An order (routing op `purge_order`, which only a desk may send) purges the case
    here; a request is kept on a desk for its decision (docs/sync.md, "Purge across
    sync")."""
    from desktop.vault import purge

    case_id = (content.get("case") or {}).get("id")
    if not isinstance(case_id, str):
        return UNSUPPORTED
    if header.get("op") == "purge_order":
        purge.purge_ordered(conn, case_id, author)
    elif conn.execute("SELECT role FROM sync_enrollment WHERE role = 'desk'").fetchone():
        purge.requested(conn, case_id, {"code": (content.get("case") or {}).get("code"),
                                        "reason": content.get("reason"), "by": author,
                                        "at": content.get("at")})
    log_remote(conn, change_id=header["change_id"], device_id=header["device_id"],
               device_seq=header["device_seq"], op=header.get("op") or "purge",
               record_id=None, case_id=None, attachment_id=None, version=None,
               version_id=None, at=content.get("at") or "")
    return PURGED


def _record_case(conn, record_id: str) -> tuple[bool, str | None]:
    row = conn.execute("SELECT case_id FROM records WHERE id = ?", (record_id,)).fetchone()
    return (row is not None, row[0] if row else None)


def _apply_attach(conn, header: dict, content: dict, author: str) -> str:
    att = content.get("attachment")
    if not isinstance(att, dict) or not isinstance(att.get("id"), str):
        return UNSUPPORTED
    if conn.execute("SELECT 1 FROM attachments WHERE id = ?", (att["id"],)).fetchone():
        return DUPLICATE
    known, case_id = _record_case(conn, att.get("record_id") or "")
    if not known:
        return WAITING  # the record's own change has not been applied yet
    hash_only = att.get("hash_only") is True
    try:
        key = base64.b64decode(att["file_key"], validate=True)
        row = (att["id"], att["record_id"], att.get("field"), att["name"], int(att["size"]),
               att["sha256"], att["md5"], att["imported_at"], key, *_media(att), int(hash_only))
    except (KeyError, TypeError, ValueError, binascii.Error):
        return UNSUPPORTED
    if len(key) != (0 if hash_only else 32):
        return UNSUPPORTED
    conn.execute("INSERT INTO attachments(id, record_id, field, name, size, sha256, md5,"
                 " imported_at, file_key, media_type, pdq, pdq_quality, vpdq, note,"
                 " file_mtime, taken_at, hash_only, removed)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", row)
    if not hash_only:  # a hash-only item has no bytes anywhere: nothing to fetch
        downloads.expect(conn, att["id"], header["change_id"], header.get("file"))
    log_remote(conn, change_id=header["change_id"], device_id=header["device_id"],
               device_seq=header["device_seq"], op="attach", record_id=att["record_id"],
               case_id=case_id, attachment_id=att["id"], version=None, version_id=None,
               at=content.get("at") or att["imported_at"])
    audit.append(conn, author, "pulled", f"attachment:{att['id']}",
                 f"attach record:{att['record_id']}")
    return APPLIED


def _media(att: dict) -> tuple:
    """The content hashes an attach change carries (absent from older laptops' changes)."""
    pdq, quality, frames = att.get("pdq"), att.get("pdq_quality"), att.get("vpdq")
    if pdq is not None and not (isinstance(pdq, str) and len(pdq) == 64):
        raise ValueError("pdq")
    if frames is not None and not isinstance(frames, list):
        raise ValueError("vpdq")

    def text(key: str) -> str | None:
        value = att.get(key)
        return value if isinstance(value, str) else None
    return (text("media_type"), pdq, int(quality) if quality is not None else None,
            json.dumps(frames) if frames is not None else None, text("note"),
            text("file_mtime"), text("taken_at"))


def _apply_detach(conn, header: dict, content: dict, author: str) -> str:
    """As a local detach: a tombstone (hidden from lists; the row and any bytes kept)."""
    att = content.get("attachment")
    if not isinstance(att, dict) or not isinstance(att.get("id"), str):
        return UNSUPPORTED
    row = conn.execute("SELECT a.record_id, a.removed, r.case_id FROM attachments a"
                       " JOIN records r ON r.id = a.record_id WHERE a.id = ?",
                       (att["id"],)).fetchone()
    if row is None:
        return WAITING  # its attach has not been applied yet
    record_id, removed, case_id = row
    at = str(att.get("removed_at") or content.get("at") or "")
    if not at:
        return UNSUPPORTED
    if not removed:
        conn.execute("UPDATE attachments SET removed = 1, removed_at = ? WHERE id = ?",
                     (at, att["id"]))
    log_remote(conn, change_id=header["change_id"], device_id=header["device_id"],
               device_seq=header["device_seq"], op="detach", record_id=record_id,
               case_id=case_id, attachment_id=att["id"], version=None, version_id=None,
               at=str(content.get("at") or at))
    audit.append(conn, author, "pulled", f"attachment:{att['id']}", "detach")
    return APPLIED


def _apply_case(conn, header: dict, content: dict, author: str) -> str:
    case = content.get("case") or {}
    case_id = _ensure_case(conn, case)
    if case_id is None:
        return UNSUPPORTED
    op = content["op"]
    if op in ("case_open", "case_closed"):
        status = "open" if op == "case_open" else "closed"
        conn.execute("UPDATE cases SET status = ?, updated = max(updated, ?) WHERE id = ?",
                     (status, content["at"], case_id))
    log_remote(conn, change_id=header["change_id"], device_id=header["device_id"],
               device_seq=header["device_seq"], op=op, record_id=None, case_id=case_id,
               attachment_id=None, version=None, version_id=None, at=content["at"])
    audit.append(conn, author, "pulled", f"case:{case.get('code', case_id)}", op)
    return APPLIED


def _apply_version(conn, header: dict, content: dict, author: str) -> str:
    rec, ver = content["record"], content["version"]
    rid, vid = rec["id"], ver["version_id"]
    if conn.execute("SELECT 1 FROM record_versions WHERE version_id = ?", (vid,)).fetchone():
        return DUPLICATE
    parents = list(ver.get("parents") or [])
    if parents:
        known = {r[0] for r in conn.execute(
            "SELECT version_id FROM record_versions WHERE record_id = ? AND version_id IN"
            f" ({','.join('?' * len(parents))})", (rid, *parents))}
        if set(parents) - known:
            return WAITING
    case_id = _ensure_case(conn, content.get("case"))
    row = conn.execute("SELECT n FROM records WHERE id = ?", (rid,)).fetchone()
    if row is None:
        if parents:
            return WAITING  # parents named but the record itself is unknown here
        cur = conn.execute(
            "INSERT INTO records(id, form, form_version, case_id, author, created, updated,"
            " version, heads) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)",
            (rid, rec["form"], ver["form_version"], case_id, rec["author"], rec["created"],
             ver["at"]))
        n = cur.lastrowid
    else:
        n = row[0]
    vals = encode_values(ver["vals"]) if ver.get("vals") is not None else None
    version = records.add_version(
        conn, records.Writer(ver["author"], ver.get("device_id") or header["device_id"]),
        rid, n, ver["form_version"], ver["op"], vals, parents, reason=ver.get("reason"),
        at=ver["at"], version_id=vid)[0]
    code_row = conn.execute("SELECT code FROM cases WHERE id = ?", (case_id,)).fetchone() \
        if case_id else None
    _reindex(conn, n, code_row[0] if code_row else None)
    log_remote(conn, change_id=header["change_id"], device_id=header["device_id"],
               device_seq=header["device_seq"], op=ver["op"], record_id=rid, case_id=case_id,
               attachment_id=None, version=version, version_id=vid, at=ver["at"])
    audit.append(conn, author, "pulled", f"record:{rid}", ver["op"])
    return APPLIED


def _reindex(conn, n: int, code: str | None) -> None:
    row = conn.execute("SELECT v.vals FROM records r JOIN record_versions v"
                       " ON v.record_id = r.id AND v.version = r.version"
                       " WHERE r.n = ? AND r.deleted = 0", (n,)).fetchone()
    if row is None or row[0] is None:
        search.unindex(conn, n)
    else:
        search.index(conn, n, json.loads(row[0]), code)

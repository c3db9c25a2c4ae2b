"""Records and their versions: a graph another laptop's history can meet.

Each version has a global id (UUIDv7), its parent version id(s), author, device and time;
`version` is only this vault's local order. The versions nobody descends from are the
record's heads: one normally, two or more when an edit started from a version that was no
longer the latest (a stale edit here, or a teammate's edit arriving by sync). Then the
record is in conflict: every head is kept, none wins silently, and a merge is a new
version whose parents are the heads it joins.

Every function here runs inside the caller's transaction, so a version, its search entry,
its change-log row and its audit entry commit together or not at all. They take a plain
DB-API connection: the benchmark runs the same functions on stdlib sqlite3.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from desktop.vault import audit, cases, search
from desktop.vault.cases import Case
from desktop.vault.changelog import Writer, log_change
from desktop.vault.errors import InvalidInput, RecordNotFound, VaultError
from desktop.vault.ids import is_uuid, now_iso, uuid7

RESERVED_KEYS = ("id", "form", "case")
ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # form, field and choice ids

__all__ = ["Writer", "Case", "Record", "RecordRef", "Conflicted", "put_record",
           "update_record", "delete_record", "get_record", "list_records", "record_versions"]


class Conflicted(VaultError):
    """An edit without a base on a record with several heads: which one did it start from?"""

    def __init__(self, record_id: str, heads: list[str]):
        names = ", ".join(heads)
        super().__init__(f"기록 {record_id}에 정리할 버전이 {len(heads)}개 있습니다: {names}"
                         " (--base로 시작한 버전을 지정하세요)",
                         f"record {record_id} has {len(heads)} versions to reconcile: {names}"
                         " (name the version you started from with --base)")
        self.heads = heads


@dataclass(frozen=True)
class RecordRef:
    id: str
    version: int
    case_code: str | None
    version_id: str = ""
    heads: tuple[str, ...] = ()

    @property
    def conflict(self) -> bool:
        return len(self.heads) > 1


@dataclass(frozen=True)
class Record:
    id: str
    form: str
    form_version: int
    case_code: str | None
    author: str
    created: str
    updated: str
    version: int
    values: dict
    deleted: bool
    version_id: str = ""
    parents: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    case_id: str | None = None
    device_id: str | None = None

    @property
    def conflict(self) -> bool:
        return len(self.heads) > 1


def encode_values(values) -> str:
    if not isinstance(values, dict):
        raise InvalidInput("기록 값은 JSON 객체여야 합니다", "record values must be a JSON object")
    bad = [k for k in RESERVED_KEYS if k in values]
    if bad:
        raise InvalidInput(f"앱이 정하는 키는 넣을 수 없습니다: {', '.join(bad)}",
                           f"keys set by the app are not allowed: {', '.join(bad)}")
    try:
        return json.dumps(values, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidInput(f"JSON으로 저장할 수 없는 값입니다: {type(exc).__name__}",
                           f"values are not JSON: {type(exc).__name__}") from None


def _check_form(form: str, form_version: int) -> None:
    if not isinstance(form, str) or not ID_RE.match(form):
        raise InvalidInput(f"잘못된 양식 id: {form!r}", f"bad form id: {form!r}")
    if not isinstance(form_version, int) or isinstance(form_version, bool) or form_version < 1:
        raise InvalidInput(f"잘못된 양식 버전: {form_version!r}",
                           f"bad form version: {form_version!r}")


def _latest_row(conn, record_id: str):
    """(n, form_version, version, deleted, case_id, case code) of the record's row."""
    if not is_uuid(record_id):
        raise RecordNotFound(str(record_id))
    row = conn.execute("SELECT r.n, r.form_version, r.version, r.deleted, r.case_id, c.code"
                       " FROM records r LEFT JOIN cases c ON c.id = r.case_id"
                       " WHERE r.id = ?", (record_id,)).fetchone()
    if row is None:
        raise RecordNotFound(record_id)
    return row


def heads_of(conn, record_id: str) -> list[str]:
    """Head version ids, oldest first (local order)."""
    return [r[0] for r in conn.execute(
        "SELECT h.version_id FROM record_heads h JOIN record_versions v"
        " ON v.version_id = h.version_id WHERE h.record_id = ? ORDER BY v.version",
        (record_id,))]


def add_version(conn, w: Writer, record_id: str, n: int, form_version: int, op: str,
                vals: str | None, parents: list[str], *, reason: str | None = None,
                op_id: str | None = None, at: str,
                version_id: str | None = None) -> tuple[int, str]:
    """Insert a version, move the heads, and point the record's row at its latest live
    head. Returns (local version number, version id). `version_id` is given for a version
    pulled from another device (it keeps the id its author gave it)."""
    (version,) = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM record_versions"
                              " WHERE record_id = ?", (record_id,)).fetchone()
    vid = version_id or uuid7()
    conn.execute("INSERT INTO record_versions(record_id, version, form_version, op, author,"
                 " at, vals, reason, version_id, parents, device_id, op_id)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (record_id, version, form_version, op, w.actor, at, vals, reason, vid,
                  json.dumps(parents), w.device_id, op_id))
    conn.executemany("DELETE FROM record_heads WHERE record_id = ? AND version_id = ?",
                     [(record_id, p) for p in parents])
    conn.execute("INSERT INTO record_heads(record_id, version_id) VALUES (?, ?)",
                 (record_id, vid))
    # The row shows the newest live head; only when every head is a tombstone is the
    # record deleted (a delete on one side of a conflict keeps the other side visible).
    heads = conn.execute(
        "SELECT v.version, v.form_version, v.op FROM record_heads h JOIN record_versions v"
        " ON v.version_id = h.version_id WHERE h.record_id = ?"
        " ORDER BY v.op = 'delete', v.version DESC", (record_id,)).fetchall()
    shown, shown_fv, shown_op = heads[0]
    conn.execute("UPDATE records SET form_version = ?, updated = ?, version = ?, deleted = ?,"
                 " heads = ? WHERE n = ?",
                 (shown_fv, at, shown, 1 if shown_op == "delete" else 0, len(heads), n))
    return version, vid


def _reindex(conn, record_id: str, n: int, code: str | None) -> None:
    row = conn.execute("SELECT v.vals FROM records r JOIN record_versions v"
                       " ON v.record_id = r.id AND v.version = r.version"
                       " WHERE r.n = ? AND r.deleted = 0", (n,)).fetchone()
    if row is None or row[0] is None:
        search.unindex(conn, n)
    else:
        search.index(conn, n, json.loads(row[0]), code)


def put_record(conn, w: Writer, form: str, form_version: int, values: dict,
               case_code: str | None = None, *, op_id: str | None = None) -> RecordRef:
    """A new record (its first version, no parents); the case (a code, CODE@worker or
    UUID) is created if it is a code that does not exist yet."""
    _check_form(form, form_version)
    vals = encode_values(values)
    case = cases.ensure(conn, w, case_code) if case_code else None
    rid, at = uuid7(), now_iso()
    cur = conn.execute(
        "INSERT INTO records(id, form, form_version, case_id, author, created, updated,"
        " version, heads) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)",
        (rid, form, form_version, case.id if case else None, w.actor, at, at))
    n = cur.lastrowid
    _version, vid = add_version(conn, w, rid, n, form_version, "create", vals, [],
                                 op_id=op_id, at=at)
    search.index(conn, n, values, case.code if case else None, replace=False)
    log_change(conn, w, "create", record_id=rid, case_id=case.id if case else None,
               version=1, version_id=vid, at=at)
    audit.append(conn, w.actor, "create", f"record:{rid}", at=at)
    return RecordRef(rid, 1, case.code if case else None, vid, (vid,))


def _check_bases(conn, record_id: str, bases: list[str] | str | None) -> list[str]:
    heads = heads_of(conn, record_id)
    if bases is None:
        if len(heads) > 1:
            raise Conflicted(record_id, heads)
        return heads
    chosen = [bases] if isinstance(bases, str) else list(dict.fromkeys(bases))
    if not chosen:
        raise InvalidInput("시작한 버전이 비어 있습니다", "no base version given")
    known = {r[0] for r in conn.execute(
        "SELECT version_id FROM record_versions WHERE record_id = ?", (record_id,))}
    unknown = [b for b in chosen if b not in known]
    if unknown:
        raise InvalidInput(f"이 기록의 버전이 아닙니다: {', '.join(map(str, unknown))}",
                           f"not a version of this record: {', '.join(map(str, unknown))}")
    return chosen


def update_record(conn, w: Writer, record_id: str, values: dict,
                  form_version: int | None = None, *, bases: list[str] | str | None = None,
                  op_id: str | None = None) -> RecordRef:
    """A new version whose parents are `bases` (default: the single head). A base that is
    no longer a head makes this version a second head: kept, not lost, and the record is
    marked as having versions to reconcile. Several bases merge those heads."""
    n, old_form_version, _version, deleted, case_id, code = _latest_row(conn, record_id)
    if deleted:
        raise RecordNotFound(record_id)
    form_version = old_form_version if form_version is None else form_version
    if not isinstance(form_version, int) or isinstance(form_version, bool) or form_version < 1:
        raise InvalidInput(f"잘못된 양식 버전: {form_version!r}",
                           f"bad form version: {form_version!r}")
    parents = _check_bases(conn, record_id, bases)
    vals = encode_values(values)
    at = now_iso()
    version, vid = add_version(conn, w, record_id, n, form_version, "edit", vals, parents,
                                op_id=op_id, at=at)
    _reindex(conn, record_id, n, code)
    log_change(conn, w, "edit", record_id=record_id, case_id=case_id, version=version,
               version_id=vid, at=at)
    audit.append(conn, w.actor, "edit", f"record:{record_id}", at=at)
    return RecordRef(record_id, version, code, vid, tuple(heads_of(conn, record_id)))


def delete_record(conn, w: Writer, record_id: str, reason: str | None, *,
                  op_id: str | None = None) -> RecordRef:
    """A tombstone version descending from every head: the earlier versions stay, search
    and lists drop the record."""
    n, form_version, _version, deleted, case_id, code = _latest_row(conn, record_id)
    if deleted:
        raise RecordNotFound(record_id)
    at = now_iso()
    version, vid = add_version(conn, w, record_id, n, form_version, "delete", None,
                                heads_of(conn, record_id), reason=reason, op_id=op_id, at=at)
    search.unindex(conn, n)
    log_change(conn, w, "delete", record_id=record_id, case_id=case_id, version=version,
               version_id=vid, at=at)
    audit.append(conn, w.actor, "delete", f"record:{record_id}", reason, at=at)
    return RecordRef(record_id, version, code, vid, (vid,))


_REC_SELECT = ("SELECT r.id, r.form, v.form_version, c.code, r.author, r.created, v.at,"
               " v.version, v.vals, v.op, r.version, v.version_id, v.parents, r.heads,"
               " r.case_id, v.device_id FROM records r"
               " JOIN record_versions v ON v.record_id = r.id"
               " LEFT JOIN cases c ON c.id = r.case_id")


def _to_record(conn, row, heads: tuple[str, ...] | None = None) -> Record:
    (rid, form, form_version, code, author, created, at, version, vals, op, shown, vid,
     parents, nheads, case_id, device) = row
    if vals is None:  # a tombstone shows the last content it buried
        prev = conn.execute("SELECT vals FROM record_versions WHERE record_id = ? AND"
                            " version < ? AND vals IS NOT NULL ORDER BY version DESC LIMIT 1",
                            (rid, version)).fetchone()
        vals = prev[0] if prev else "{}"
    if heads is None:
        # Most records have one head, the version shown: no query needed to name it.
        heads = (vid,) if nheads == 1 and version == shown else tuple(heads_of(conn, rid))
    return Record(rid, form, form_version, code, author, created, at, version,
                  json.loads(vals), op == "delete", vid or "",
                  tuple(json.loads(parents or "[]")), heads, case_id, device)


def get_record(conn, record_id: str, version: int | str | None = None) -> Record:
    """The shown version (newest live head), a local version number, or a version id."""
    _latest_row(conn, record_id)
    if version is None:
        row = conn.execute(_REC_SELECT + " WHERE r.id = ? AND v.version = r.version",
                           (record_id,)).fetchone()
    elif isinstance(version, str):
        row = conn.execute(_REC_SELECT + " WHERE r.id = ? AND v.version_id = ?",
                           (record_id, version)).fetchone()
    else:
        row = conn.execute(_REC_SELECT + " WHERE r.id = ? AND v.version = ?",
                           (record_id, version)).fetchone()
    if row is None:
        raise RecordNotFound(f"{record_id} v{version}")
    return _to_record(conn, row)


def list_records(conn, case_code: str | None = None, *, form: str | None = None,
                 include_deleted: bool = False) -> list[Record]:
    """Shown versions in creation order; `case_code` may be a code, CODE@worker or UUID."""
    where, args = ["v.version = r.version"], []
    if case_code is not None:
        case = cases.find(conn, case_code)
        if case is None:
            return []
        where.append("r.case_id = ?")
        args.append(case.id)
    if form is not None:
        where.append("r.form = ?")
        args.append(form)
    if not include_deleted:
        where.append("r.deleted = 0")
    sql = _REC_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY r.n"
    return [_to_record(conn, row) for row in conn.execute(sql, args).fetchall()]


def version_authors(conn, record_id: str) -> dict[str, str]:
    return dict(conn.execute("SELECT version_id, author FROM record_versions"
                             " WHERE record_id = ?", (record_id,)).fetchall())


def record_versions(conn, record_id: str) -> list[Record]:
    _latest_row(conn, record_id)
    heads = tuple(heads_of(conn, record_id))
    rows = conn.execute(_REC_SELECT + " WHERE r.id = ? ORDER BY v.version",
                        (record_id,)).fetchall()
    return [_to_record(conn, row, heads) for row in rows]

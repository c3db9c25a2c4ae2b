"""Cases, record versions, tombstones and the change log (the sync outbox).

Every function here runs inside the caller's transaction, so a record version, its search
entry, its change-log row and its audit entry commit together or not at all. They take a
plain DB-API connection: the benchmark runs the same functions on stdlib sqlite3.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.vault import audit, search
from desktop.vault.errors import CaseNotFound, InvalidInput, RecordNotFound
from desktop.vault.ids import is_uuid, now_iso, uuid7
from desktop.vault.names import check_case_code

RESERVED_KEYS = ("id", "form", "case")
ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # form, field and choice ids


@dataclass(frozen=True)
class Writer:
    """Who writes: the worker's display name and this vault's device id (for the outbox)."""
    actor: str
    device_id: str


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    status: str
    author: str
    created: str
    updated: str


@dataclass(frozen=True)
class RecordRef:
    id: str
    version: int
    case_code: str | None


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


def _minute_before(iso: str) -> str:
    return (datetime.fromisoformat(iso) - timedelta(minutes=1)).isoformat(timespec="milliseconds")


def log_change(conn, w: Writer, op: str, *, record_id=None, case_id=None, attachment_id=None,
               version=None, at=None) -> None:
    at = at or now_iso()
    conn.execute("INSERT INTO changes(change_id, device_id, op, record_id, case_id,"
                 " attachment_id, version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (uuid7(), w.device_id, op, record_id, case_id, attachment_id, version, at))
    if case_id:
        # Any change inside a case is the case's last change (the list's sort and column),
        # to the minute: a burst of saves in one case rewrites its row and index entry once
        # a minute, not once a save (each rewritten page is encrypted and authenticated).
        conn.execute("UPDATE cases SET updated = ? WHERE id = ? AND updated < ?",
                     (at, case_id, _minute_before(at)))


# -- cases ----------------------------------------------------------------------------------

_CASE_COLS = "id, code, status, author, created, updated"


def get_case(conn, code: str) -> Case | None:
    row = conn.execute(f"SELECT {_CASE_COLS} FROM cases WHERE code = ?", (code,)).fetchone()
    return Case(*row) if row else None


def case_by_id(conn, case_id: str) -> Case | None:
    row = conn.execute(f"SELECT {_CASE_COLS} FROM cases WHERE id = ?", (case_id,)).fetchone()
    return Case(*row) if row else None


def require_case(conn, code: str) -> Case:
    case = get_case(conn, code)
    if case is None:
        raise CaseNotFound(code)
    return case


def next_case_code(conn, prefix: str, year: int) -> str:
    stem = f"{prefix}-{year:04d}-"
    # Range scan on the unique index: every code with this stem, highest number wins.
    rows = conn.execute("SELECT code FROM cases WHERE code >= ? AND code < ?",
                        (stem, stem[:-1] + ".")).fetchall()
    numbers = [int(c[len(stem):]) for (c,) in rows if c[len(stem):].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:04d}"


def create_case(conn, w: Writer, code: str) -> Case:
    code = check_case_code(code)
    if get_case(conn, code) is not None:
        raise InvalidInput(f"이미 있는 사례 번호입니다: {code}", f"case code already exists: {code}")
    at = now_iso()
    case = Case(uuid7(), code, "open", w.actor, at, at)
    conn.execute(f"INSERT INTO cases({_CASE_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
                 (case.id, case.code, case.status, case.author, case.created, case.updated))
    log_change(conn, w, "case_create", case_id=case.id, at=at)
    audit.append(conn, w.actor, "create", f"case:{code}", at=at)
    return case


def ensure_case(conn, w: Writer, code: str) -> Case:
    return get_case(conn, check_case_code(code)) or create_case(conn, w, code)


def set_case_status(conn, w: Writer, code: str, status: str) -> Case:
    if status not in ("open", "closed"):
        raise InvalidInput(f"사례 상태는 open 또는 closed입니다: {status}",
                           f"case status is open or closed: {status}")
    case = require_case(conn, code)
    if case.status != status:
        at = now_iso()
        conn.execute("UPDATE cases SET status = ?, updated = ? WHERE id = ?",
                     (status, at, case.id))
        log_change(conn, w, f"case_{status}", case_id=case.id, at=at)
        audit.append(conn, w.actor, "case_status", f"case:{code}", status, at=at)
    return get_case(conn, code)


def list_cases(conn, status: str | None = None) -> list[Case]:
    sql = f"SELECT {_CASE_COLS} FROM cases"
    args: tuple = ()
    if status:
        sql, args = sql + " WHERE status = ?", (status,)
    return [Case(*r) for r in conn.execute(sql + " ORDER BY code", args)]


# -- records --------------------------------------------------------------------------------

def encode_values(values) -> str:
    if not isinstance(values, dict):
        raise InvalidInput("기록 값은 JSON 객체여야 합니다", "record values must be a JSON object")
    bad = [k for k in RESERVED_KEYS if k in values]
    if bad:
        raise InvalidInput(f"앱이 정하는 키는 넣을 수 없습니다: {', '.join(bad)}",
                           f"keys set by the app are not allowed: {', '.join(bad)}")
    try:
        return json.dumps(values, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"JSON으로 저장할 수 없는 값입니다: {exc}",
                           f"values are not JSON: {exc}") from None


def _check_form(form: str, form_version: int) -> None:
    if not isinstance(form, str) or not ID_RE.match(form):
        raise InvalidInput(f"잘못된 양식 id: {form!r}", f"bad form id: {form!r}")
    if not isinstance(form_version, int) or isinstance(form_version, bool) or form_version < 1:
        raise InvalidInput(f"잘못된 양식 버전: {form_version!r}",
                           f"bad form version: {form_version!r}")


def put_record(conn, w: Writer, form: str, form_version: int, values: dict,
               case_code: str | None = None) -> RecordRef:
    """A new record (version 1); the case is created if it does not exist yet."""
    _check_form(form, form_version)
    vals = encode_values(values)
    case = ensure_case(conn, w, case_code) if case_code else None
    rid, at = uuid7(), now_iso()
    cur = conn.execute(
        "INSERT INTO records(id, form, form_version, case_id, author, created, updated,"
        " version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
        (rid, form, form_version, case.id if case else None, w.actor, at, at))
    conn.execute("INSERT INTO record_versions(record_id, version, form_version, op, author,"
                 " at, vals) VALUES (?, 1, ?, 'create', ?, ?, ?)",
                 (rid, form_version, w.actor, at, vals))
    search.index(conn, cur.lastrowid, values, case.code if case else None, replace=False)
    log_change(conn, w, "create", record_id=rid, case_id=case.id if case else None,
               version=1, at=at)
    audit.append(conn, w.actor, "create", f"record:{rid}", at=at)
    return RecordRef(rid, 1, case.code if case else None)


def _latest_row(conn, record_id: str):
    if not is_uuid(record_id):
        raise RecordNotFound(str(record_id))
    row = conn.execute("SELECT r.n, r.form_version, r.version, r.deleted, r.case_id, c.code"
                       " FROM records r LEFT JOIN cases c ON c.id = r.case_id"
                       " WHERE r.id = ?", (record_id,)).fetchone()
    if row is None:
        raise RecordNotFound(record_id)
    return row


def update_record(conn, w: Writer, record_id: str, values: dict,
                  form_version: int | None = None) -> RecordRef:
    n, old_form_version, version, deleted, case_id, code = _latest_row(conn, record_id)
    if deleted:
        raise RecordNotFound(record_id)
    form_version = old_form_version if form_version is None else form_version
    if not isinstance(form_version, int) or form_version < 1:
        raise InvalidInput(f"잘못된 양식 버전: {form_version!r}",
                           f"bad form version: {form_version!r}")
    vals = encode_values(values)
    version, at = version + 1, now_iso()
    conn.execute("UPDATE records SET form_version = ?, updated = ?, version = ? WHERE n = ?",
                 (form_version, at, version, n))
    conn.execute("INSERT INTO record_versions(record_id, version, form_version, op, author,"
                 " at, vals) VALUES (?, ?, ?, 'edit', ?, ?, ?)",
                 (record_id, version, form_version, w.actor, at, vals))
    search.index(conn, n, values, code)
    log_change(conn, w, "edit", record_id=record_id, case_id=case_id, version=version, at=at)
    audit.append(conn, w.actor, "edit", f"record:{record_id}", at=at)
    return RecordRef(record_id, version, code)


def delete_record(conn, w: Writer, record_id: str, reason: str | None) -> RecordRef:
    """A tombstone version: the earlier versions stay, search and lists drop the record."""
    n, form_version, version, deleted, case_id, code = _latest_row(conn, record_id)
    if deleted:
        raise RecordNotFound(record_id)
    version, at = version + 1, now_iso()
    conn.execute("UPDATE records SET updated = ?, version = ?, deleted = 1 WHERE n = ?",
                 (at, version, n))
    conn.execute("INSERT INTO record_versions(record_id, version, form_version, op, author,"
                 " at, vals, reason) VALUES (?, ?, ?, 'delete', ?, ?, NULL, ?)",
                 (record_id, version, form_version, w.actor, at, reason))
    search.unindex(conn, n)
    log_change(conn, w, "delete", record_id=record_id, case_id=case_id, version=version, at=at)
    audit.append(conn, w.actor, "delete", f"record:{record_id}", reason, at=at)
    return RecordRef(record_id, version, code)


_REC_SELECT = ("SELECT r.id, r.form, v.form_version, c.code, r.author, r.created, v.at,"
               " v.version, v.vals, v.op, r.n FROM records r"
               " JOIN record_versions v ON v.record_id = r.id"
               " LEFT JOIN cases c ON c.id = r.case_id")


def _to_record(conn, row) -> Record:
    rid, form, form_version, code, author, created, at, version, vals, op, _n = row
    if vals is None:  # a tombstone shows the last content it buried
        prev = conn.execute("SELECT vals FROM record_versions WHERE record_id = ? AND"
                            " version < ? AND vals IS NOT NULL ORDER BY version DESC LIMIT 1",
                            (rid, version)).fetchone()
        vals = prev[0] if prev else "{}"
    return Record(rid, form, form_version, code, author, created, at, version,
                  json.loads(vals), op == "delete")


def get_record(conn, record_id: str, version: int | None = None) -> Record:
    _latest_row(conn, record_id)
    if version is None:
        row = conn.execute(_REC_SELECT + " WHERE r.id = ? AND v.version = r.version",
                           (record_id,)).fetchone()
    else:
        row = conn.execute(_REC_SELECT + " WHERE r.id = ? AND v.version = ?",
                           (record_id, version)).fetchone()
    if row is None:
        raise RecordNotFound(f"{record_id} v{version}")
    return _to_record(conn, row)


def list_records(conn, case_code: str | None = None, *, form: str | None = None,
                 include_deleted: bool = False) -> list[Record]:
    where, args = ["v.version = r.version"], []
    if case_code is not None:
        where.append("c.code = ?")
        args.append(case_code)
    if form is not None:
        where.append("r.form = ?")
        args.append(form)
    if not include_deleted:
        where.append("r.deleted = 0")
    sql = _REC_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY r.n"
    return [_to_record(conn, row) for row in conn.execute(sql, args).fetchall()]


def record_versions(conn, record_id: str) -> list[Record]:
    _latest_row(conn, record_id)
    rows = conn.execute(_REC_SELECT + " WHERE r.id = ? ORDER BY v.version",
                        (record_id,)).fetchall()
    return [_to_record(conn, row) for row in rows]

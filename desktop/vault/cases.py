"""Cases: identified by a UUID; the code (`KDH7Q-2026-0007`) is for people.

Codes are generated with the worker's prefix so that two workers do not make the same one
offline, but a code typed by hand can still meet another worker's after sync. So a code is
not unique: where two cases share one, both are shown as `CODE·worker`, and a reference to
a case may be its UUID, `CODE@worker` or a code that names exactly one case (else
`AmbiguousCase`, naming the candidates).

Functions take a plain DB-API connection inside the caller's transaction (or for reads).
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop.vault import audit
from desktop.vault.changelog import Writer, log_change
from desktop.vault.errors import CaseNotFound, InvalidInput, VaultError
from desktop.vault.ids import is_uuid, now_iso, uuid7
from desktop.vault.names import check_case_code

SEPARATOR = "·"  # CODE·worker on screen; CODE@worker typed (both are accepted as refs)
# The name lists show for a case (SQL, the cases table as `c`): CODE, or CODE·worker when
# another case has the same code.
LABEL_SQL = f"CASE WHEN c.shared THEN c.code || '{SEPARATOR}' || c.author ELSE c.code END"


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    status: str
    author: str
    created: str
    updated: str


class AmbiguousCase(VaultError):
    def __init__(self, code: str, candidates: list[str]):
        names = ", ".join(candidates)
        super().__init__(f"사례 번호 {code}가 여러 사례에 있습니다: {names} (CODE@작업자 또는 "
                         "사례 UUID로 지정하세요)",
                         f"case code {code} names several cases: {names} (give CODE@worker or "
                         "the case UUID)")


_COLS = "id, code, status, author, created, updated"


def by_id(conn, case_id: str) -> Case | None:
    row = conn.execute(f"SELECT {_COLS} FROM cases WHERE id = ?", (case_id,)).fetchone()
    return Case(*row) if row else None


def with_code(conn, code: str) -> list[Case]:
    return [Case(*r) for r in conn.execute(
        f"SELECT {_COLS} FROM cases WHERE code = ? ORDER BY author, id", (code,))]


def find(conn, ref: str) -> Case | None:
    """The case `ref` names (UUID, CODE@worker or CODE), None if none; AmbiguousCase if a
    bare code names several."""
    if not isinstance(ref, str) or not ref.strip():
        return None
    ref = ref.strip()
    if is_uuid(ref):
        return by_id(conn, ref)
    sep = "@" if "@" in ref else SEPARATOR
    code, at, worker = ref.rpartition(sep) if sep in ref else (ref, "", "")
    if at:
        found = [c for c in with_code(conn, code) if c.author == worker]
        return found[0] if found else None
    found = with_code(conn, ref)
    if len(found) > 1:
        raise AmbiguousCase(ref, [f"{c.code}@{c.author}" for c in found])
    return found[0] if found else None


def require(conn, ref: str) -> Case:
    case = find(conn, ref)
    if case is None:
        raise CaseNotFound(ref)
    return case


def display_code(conn, case: Case) -> str:
    """`CODE`, or `CODE·worker` when another case has the same code."""
    (label,) = conn.execute(f"SELECT {LABEL_SQL} FROM cases AS c WHERE c.id = ?",
                            (case.id,)).fetchone()
    return str(label)


def mark_shared(conn, code: str) -> None:
    """Recompute `shared` for the cases with `code` (after one is added or removed)."""
    conn.execute("UPDATE cases SET shared = (SELECT count(*) FROM cases AS d"
                 " WHERE d.code = cases.code) > 1 WHERE code = ?", (code,))


def next_code(conn, prefix: str, year: int) -> str:
    stem = f"{prefix}-{year:04d}-"
    # Range scan on the code index: every code with this stem, highest number wins.
    rows = conn.execute("SELECT code FROM cases WHERE code >= ? AND code < ?",
                        (stem, stem[:-1] + ".")).fetchall()
    numbers = [int(c[len(stem):]) for (c,) in rows if c[len(stem):].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:04d}"


def insert(conn, w: Writer, case: Case) -> Case:
    conn.execute(f"INSERT INTO cases({_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
                 (case.id, case.code, case.status, case.author, case.created, case.updated))
    mark_shared(conn, case.code)
    log_change(conn, w, "case_create", case_id=case.id, at=case.created)
    audit.append(conn, w.actor, "create", f"case:{case.code}", at=case.created)
    return case


def create(conn, w: Writer, code: str) -> Case:
    """A new open case. A code already used in this vault is refused, whoever made it:
    duplicates only arrive by sync, never by typing."""
    code = check_case_code(code)
    if with_code(conn, code):
        raise InvalidInput(f"이미 있는 사례 번호입니다: {code}", f"case code already exists: {code}")
    at = now_iso()
    return insert(conn, w, Case(uuid7(), code, "open", w.actor, at, at))


def ensure(conn, w: Writer, ref: str) -> Case:
    """The case `ref` names, or a new one with that code (`record put --case CODE`)."""
    found = find(conn, ref)
    if found is not None:
        return found
    if is_uuid(ref.strip()) or "@" in ref:
        raise CaseNotFound(ref)
    return create(conn, w, ref)


def set_status(conn, w: Writer, ref: str, status: str) -> Case:
    if status not in ("open", "closed"):
        raise InvalidInput(f"사례 상태는 open 또는 closed입니다: {status}",
                           f"case status is open or closed: {status}")
    case = require(conn, ref)
    if case.status != status:
        at = now_iso()
        conn.execute("UPDATE cases SET status = ?, updated = ? WHERE id = ?",
                     (status, at, case.id))
        log_change(conn, w, f"case_{status}", case_id=case.id, at=at)
        audit.append(conn, w.actor, "case_status", f"case:{case.code}", status, at=at)
    return require(conn, case.id)


def delete_empty(conn, w: Writer, ref: str, reason: str | None = None) -> Case:
    """Remove a case that holds no record at all (made by mistake, or an abandoned form
    from before a case was made with its first record); audited. Its drafts go with it."""
    case = require(conn, ref)
    (n,) = conn.execute("SELECT count(*) FROM records WHERE case_id = ?", (case.id,)).fetchone()
    if n:
        raise InvalidInput(f"기록이 있는 사례는 지울 수 없습니다 (파기 절차를 쓰세요): {case.code}",
                           f"a case with records cannot be deleted (use purge): {case.code}")
    conn.execute("DELETE FROM drafts WHERE case_id = ?", (case.id,))
    conn.execute("DELETE FROM cases WHERE id = ?", (case.id,))
    mark_shared(conn, case.code)
    log_change(conn, w, "case_delete", case_id=case.id)
    audit.append(conn, w.actor, "case_delete", f"case:{case.code}", reason)
    return case


def list_all(conn, status: str | None = None) -> list[Case]:
    sql = f"SELECT {_COLS} FROM cases"
    args: tuple = ()
    if status:
        sql, args = sql + " WHERE status = ?", (status,)
    return [Case(*r) for r in conn.execute(sql + " ORDER BY code, author", args)]

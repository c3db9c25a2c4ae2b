"""Raw rows for lists of many cases (the desktop's 100k-case list): plain tuples straight
from SQL, no objects per case, and no record values decoded in Python."""
from __future__ import annotations

from desktop.vault.cases import LABEL_SQL
from desktop.vault.errors import InvalidInput
from desktop.vault.records import ID_RE

# The first column is the case's label: its code, or CODE·worker where codes are shared
# (a label is also a reference `get_case` accepts).
_ROW_COLS = f"{LABEL_SQL}, c.status, c.created, c.updated"


def _cols(authors: bool) -> str:
    # the case's author, a fifth column, for the center's desk (its worker column); a
    # worker's laptop does not read it (100k more strings the list would hold for nothing)
    return _ROW_COLS + ", c.author" if authors else _ROW_COLS


def case_rows(conn, authors: bool = False) -> list[tuple]:
    """(label, status, created, updated[, author]) of every case, by code."""
    # ORDER BY the indexed code alone: adding a tie-breaker column made SQLite sort 100k
    # rows itself (1.2 s under SQLCipher instead of 0.27 s through the cases_code index).
    return conn.execute(f"SELECT {_cols(authors)} FROM cases AS c ORDER BY c.code"
                        ).fetchall()


def recent_case_rows(conn, limit: int, authors: bool = False) -> tuple[int, list[tuple]]:
    """The number of cases and the `limit` most recently changed ones, newest first (ties
    by code): the first screen of the list, read through the `cases_updated` index."""
    total = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    rows = conn.execute(f"SELECT {_cols(authors)} FROM cases AS c"
                        " ORDER BY c.updated DESC, c.code LIMIT ?", (int(limit),)).fetchall()
    return total, rows


def case_field_values(conn, form: str, field: str | tuple[str, ...], *, after: int = 0,
                      limit: int | None = None) -> list[tuple]:
    """(record number, case label, the field's value as JSON text) for the latest version
    of every live record of `form` that belongs to a case, in creation order (a later
    record of a case comes after an earlier one). Read in chunks with `after` (the last
    number of the previous chunk) and `limit`, so no single call holds the vault long. The
    JSON is extracted by SQLite: the rest of each record's values never reaches Python.
    `field` may be a tuple of fields: one value column each, in one pass over the records
    (each pass decrypts every page of the versions)."""
    fields = (field,) if isinstance(field, str) else tuple(field)
    if not fields or not ID_RE.match(form or "") or \
            not all(isinstance(f, str) and ID_RE.match(f) for f in fields):
        raise InvalidInput(f"잘못된 양식/항목 id: {form!r}.{field!r}",
                           f"bad form or field id: {form!r}.{field!r}")
    extracts = ", ".join("json_extract(v.vals, ?)" for _ in fields)
    return conn.execute(
        f"SELECT r.n, {LABEL_SQL}, {extracts} FROM records r"
        " JOIN record_versions v ON v.record_id = r.id AND v.version = r.version"
        " JOIN cases c ON c.id = r.case_id"
        " WHERE r.n > ? AND r.form = ? AND r.deleted = 0 ORDER BY r.n LIMIT ?",
        (*(f"$.{f}" for f in fields), int(after), form,
         -1 if limit is None else int(limit))).fetchall()


def conflicted_case_labels(conn) -> list[str]:
    """Labels (as `case_rows` gives them) of the cases holding a live record with two or
    more heads: versions to merge. One pass over the records' rows (their `heads` count
    is kept by records.add_version), no version or value read."""
    return [r[0] for r in conn.execute(
        f"SELECT DISTINCT {LABEL_SQL} FROM records r JOIN cases c ON c.id = r.case_id"
        " WHERE r.heads > 1 AND r.deleted = 0").fetchall()]

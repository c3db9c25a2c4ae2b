"""Notes from the center: a desk writes one to a worker about a case; it travels as an
outbox change `note` sealed to that worker's laptops and the organisation only (other
workers who may open the case pull it but cannot open it, and skip it), and is shown on
the worker's case and in their notes (docs/sync.md, "Notes from the center").

Functions take a DB-API connection inside the caller's transaction (or for reads).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from desktop.vault import audit, cases
from desktop.vault.changelog import log_change
from desktop.vault.errors import InvalidInput
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso, uuid7
from desktop.vault.opened import VaultPart

MAX_NOTE = 4000   # characters: a note, not a record

_COLS = "id, change_id, case_id, case_code, to_worker, by_worker, text, at, read_at"


@dataclass(frozen=True)
class Note:
    id: str
    change_id: str | None
    case_id: str | None
    case_code: str | None
    to_worker: str
    by_worker: str
    text: str
    at: str
    read_at: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def write(conn, w, case_ref: str, to_worker: str, text: str) -> Note:
    case = cases.require(conn, case_ref)
    note_id, at = str(uuid7()), now_iso()
    log_change(conn, w, "note", case_id=case.id, at=at)
    (change_id,) = conn.execute(
        "SELECT change_id FROM changes WHERE device_id = ? ORDER BY device_seq DESC"
        " LIMIT 1", (w.device_id,)).fetchone()
    note = Note(note_id, change_id, case.id, case.code, to_worker, w.actor, text, at, None)
    _insert(conn, note)
    audit.append(conn, w.actor, "note", f"case:{case.code}", f"to {to_worker}", at=at)
    return note


def _insert(conn, note: Note) -> None:
    conn.execute(f"INSERT OR IGNORE INTO center_notes({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?,"
                 " ?, ?)", tuple(asdict(note).values()))


def of_change(conn, change_id: str) -> Note | None:
    row = conn.execute(f"SELECT {_COLS} FROM center_notes WHERE change_id = ?",
                       (change_id,)).fetchone()
    return Note(*row) if row else None


def received(conn, change_id: str, content: dict, author: str) -> bool:
    """A pulled note (opened: it was sealed to this laptop). False if malformed."""
    n = content.get("note")
    case = content.get("case") or {}
    if not isinstance(n, dict) or not all(isinstance(n.get(k), str)
                                          for k in ("id", "text", "to", "at")):
        return False
    _insert(conn, Note(n["id"], change_id, case.get("id"), case.get("code"), n["to"],
                       author, n["text"][:MAX_NOTE], n["at"], None))
    return True


class NotesMixin(VaultPart):
    @open_only
    def write_note(self, case_ref: str, to_worker: str, text: str) -> Note:
        text = (text or "").strip()
        if not text:
            raise InvalidInput("메모 내용이 비어 있습니다", "the note is empty")
        if len(text) > MAX_NOTE:
            raise InvalidInput(f"메모는 {MAX_NOTE}자까지입니다",
                               f"a note holds at most {MAX_NOTE} characters")
        return self._store.write(write, case_ref, to_worker, text)

    @open_only
    def notes(self, case_id: str | None = None) -> list[Note]:
        """Notes sent or received here, newest first (of one case if given)."""
        where, args = ("WHERE case_id = ?", (case_id,)) if case_id else ("", ())
        return [Note(*r) for r in self._store.conn.execute(
            f"SELECT {_COLS} FROM center_notes {where} ORDER BY at DESC, id DESC", args)]

    @open_only
    def mark_notes_read(self, ids: list[str]) -> None:
        at = now_iso()

        def store(c, w):
            c.executemany("UPDATE center_notes SET read_at = ? WHERE id = ? AND read_at IS"
                          " NULL", [(at, i) for i in ids])
        self._store.write(store, audited=False)

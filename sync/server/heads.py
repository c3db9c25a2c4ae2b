"""Record heads on the server: which versions of a record nothing builds on yet.

A stored version whose parents are all placed (stored and not waiting) is placed: its
parents stop being heads and it becomes one. Two versions on the same parent both stay
heads — the record is conflicted, shown to every device that pulls it, and nothing picks
a winner. A version with a parent the server has not got is stored `waiting` (not a head)
and placed when the parent arrives; waiting versions are never forced in.

Callers hold the records' locks (push takes a transaction-scoped advisory lock per record
on PostgreSQL; SQLite's writers are serial): otherwise a child and its parent arriving in
two concurrent transactions could each miss the other and leave the child waiting.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, distinct, func, select, tuple_, update
from sqlalchemy.orm import Session

from sync.server.db import Prepared, insert_ignoring
from sync.server.models import Change, RecordHead


@dataclass(frozen=True)
class Version:
    record_id: str
    version_id: str
    parents: tuple[str, ...]


def join_parents(parents: list[str] | tuple[str, ...]) -> str:
    return ",".join(parents)


def split_parents(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split(",") if p)


# settle's queries, built once (db.Prepared)
_WAITING = Prepared(lambda among: select(
    Change.server_seq, Change.record_id, Change.version_id, Change.parents)
    .where(Change.waiting.is_(True), among(Change.record_id, "records")))
_PLACED = Prepared(lambda among: select(Change.version_id).where(
    among(Change.version_id, "wanted"), Change.waiting.is_(False)))


def settle(session: Session, new: list[Version]) -> set[str]:
    """Places the new versions (not yet inserted as changes) and any stored waiting
    version they complete; updates record_heads and clears `waiting` on stored changes
    now placed. Returns the version ids of `new` that must be stored waiting."""
    if not new:
        return set()
    records = {v.record_id for v in new}
    # stored children waiting in these records: one of the new versions may complete them
    stored_waiting = _WAITING.execute(session, {"records": list(records)}).all()
    pending: list[tuple[int | None, Version]] = [(None, v) for v in new]
    pending += [(seq, Version(rec, ver, split_parents(parents)))
                for seq, rec, ver, parents in stored_waiting if rec and ver]
    # the parents of the waiting ones too: a merge waiting for one parent has its other
    # parent placed long ago, and must find it placed when the missing one arrives
    wanted = {p for _, v in pending for p in v.parents}
    placed: set[str] = set()
    if wanted:
        placed.update(v for v in _PLACED.execute(session, {"wanted": list(wanted)})
                      .scalars() if v)
    removed: set[tuple[str, str]] = set()
    added: set[tuple[str, str]] = set()
    resolved: list[int] = []
    progress = True
    while progress:  # a newly placed version may complete a chain of waiting ones
        progress = False
        still: list[tuple[int | None, Version]] = []
        for seq, v in pending:
            if all(p in placed for p in v.parents):
                placed.add(v.version_id)
                removed.update((v.record_id, p) for p in v.parents)
                added.add((v.record_id, v.version_id))
                if seq is not None:
                    resolved.append(seq)
                progress = True
            else:
                still.append((seq, v))
        pending = still
    if removed:
        session.connection().execute(delete(RecordHead).where(
            tuple_(RecordHead.record_id, RecordHead.version_id).in_(list(removed))))
    insert_ignoring(session, RecordHead.__table__,
                    [{"record_id": r, "version_id": v} for r, v in added - removed])
    if resolved:
        session.connection().execute(update(Change).where(Change.server_seq.in_(resolved))
                        .values(waiting=False))
    return {v.version_id for seq, v in pending if seq is None}


def conflicted(session: Session, record_ids: set[str]) -> set[str]:
    """The records among these with more than one head now."""
    if not record_ids:
        return set()
    return set(session.execute(
        select(RecordHead.record_id).where(RecordHead.record_id.in_(record_ids))
        .group_by(RecordHead.record_id).having(func.count() > 1)).scalars())


def _conflicted_records() -> Select[Any]:
    """The ids of the records with more than one head now."""
    return (select(RecordHead.record_id).group_by(RecordHead.record_id)
            .having(func.count() > 1))


def conflict_count(session: Session) -> int:
    many = _conflicted_records().subquery()
    return session.execute(select(func.count()).select_from(many)).scalar_one()


def conflicts_by_worker(session: Session) -> dict[str, int]:
    """Per worker, the conflicted records one of whose heads that worker wrote (a record
    both A and B edited counts for both: each has a side to merge)."""
    many = _conflicted_records().subquery()
    rows = session.execute(
        select(Change.worker, func.count(distinct(RecordHead.record_id)))
        .select_from(RecordHead)
        .join(many, many.c.record_id == RecordHead.record_id)
        .join(Change, Change.version_id == RecordHead.version_id)
        .group_by(Change.worker)).all()
    return {worker: int(n) for worker, n in rows}

"""The server sequence: one number per stored change, in commit order (the pull cursor).

A reader pages "changes after N". If numbers came from a PostgreSQL SEQUENCE, a writer
could take 41, another 42 and commit first; a reader at that moment sees 42, stores
cursor 42, and never sees 41. Here numbers come from UPDATE … RETURNING on the one
counter row: the row stays locked until the writer's transaction ends, so the next
writer gets its numbers only after the previous one committed (or rolled back, and then
it gets the same numbers: no gaps from rollbacks either). SQLite serialises writers
anyway; the same statement works there (RETURNING, SQLite >= 3.35).

The lock is held from allocation to commit, so a push allocates as the last step before
its commit: everything slow (signature checks, parsing, inserts that cannot conflict)
happens first.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from sync.server.db import Prepared
from sync.server.models import ServerSequence

_ALLOCATE = Prepared(lambda _among: update(ServerSequence).where(ServerSequence.id == 1)
                     .values(last_seq=ServerSequence.last_seq + bindparam("count"))
                     .returning(ServerSequence.last_seq))


def allocate(session: Session, count: int = 1) -> range:
    """`count` consecutive server sequence numbers, locked to this transaction."""
    if count < 1:
        raise ValueError("count must be at least 1")
    last = _ALLOCATE.execute(session, {"count": count}).scalar_one()
    return range(last - count + 1, last + 1)


def last(session: Session) -> int:
    return session.execute(select(ServerSequence.last_seq)
                           .where(ServerSequence.id == 1)).scalar_one()

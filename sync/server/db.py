"""The database engine: SQLite in the data folder by default, PostgreSQL via psycopg 3.

Every process opens its own engine; nothing that must be shared between processes (upload
offsets, nonces, sequences) is kept in memory, so two `server run` on one PostgreSQL act
as one server.

Writers on SQLite begin their transactions IMMEDIATE (`write_session_factory`): a
deferred transaction that reads first and writes later can find another process holding
the write lock and fail with "database is locked" instead of waiting (SQLite cannot
upgrade a read lock while another writer is queued). Readers stay deferred, so pulls and
`server status` do not queue behind pushes.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# the execution option that makes a SQLite transaction BEGIN IMMEDIATE
IMMEDIATE = "donghaeng_sqlite_immediate"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # pre_ping: a PostgreSQL restarted under a long-running server is reconnected, not a 500
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would BEGIN (deferred) behind our back on the
    # first write; with it off, the "begin" event below says how each transaction begins
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL: `server status` and a second reader work while `server run` writes;
    # synchronous=FULL: a receipt is only sent for a change that survives a power cut
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def write_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for transactions that write (push, enrollment, nonces): BEGIN IMMEDIATE
    on SQLite; on PostgreSQL the same as `session_factory` (rows are locked explicitly)."""
    return sessionmaker(engine.execution_options(**{IMMEDIATE: True}),
                        expire_on_commit=False)


def insert_ignoring(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on either database: rows another transaction (or
    an earlier request) already stored are left as they are."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)

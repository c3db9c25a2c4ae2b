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

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Engine,
    Executable,
    LargeBinary,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
)
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


Among = Callable[[Any, str], ColumnElement[bool]]


class Prepared:
    """A statement built once per kind of database and kept, for the statements of every
    push: building a select() and computing its cache key on each call cost a push more
    than a tenth of its time. `build(among)` makes it; `among(column, name)` is
    `column IN :name` for a list given at execution. On PostgreSQL that is `column =
    ANY(:name)`, one array parameter: the statement's text is the same for any number of
    values and is prepared once, where an IN list of 100 ids was a new statement to plan
    each time (5 ms of a push)."""

    def __init__(self, build: Callable[[Among], Executable]) -> None:
        self._build = build
        self._made: dict[str, Executable] = {}

    def execute(self, session: Session, params: dict[str, Any] | None = None
                ) -> CursorResult[*tuple[Any, ...]]:
        dialect = session.get_bind().dialect.name
        stmt = self._made.get(dialect)
        if stmt is None:
            stmt = self._made[dialect] = self._build(functools.partial(_among, dialect))
        return session.connection().execute(stmt, params or {})


def _among(dialect: str, column: Any, name: str) -> ColumnElement[bool]:
    if dialect != "postgresql":
        return column.in_(bindparam(name, expanding=True))
    from sqlalchemy.dialects.postgresql import ARRAY

    return column == any_(bindparam(name, type_=ARRAY(column.type)))


def insert_ignoring(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on either database: rows another transaction (or
    an earlier request) already stored are left as they are."""
    insert_rows(session, table, rows, ignore_conflicts=True)


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]], *,
                ignore_conflicts: bool = False) -> None:
    """Inserts `rows` (dicts with the same keys) in one statement.

    On PostgreSQL: plain rows by binary COPY (`_copy_rows`); rows that may conflict as
    one array per column (`INSERT … SELECT … FROM unnest(…) ON CONFLICT DO NOTHING`),
    the same text whatever their number, so prepared once per connection. An
    executemany sent one INSERT per row: for a push of 100 changes that was half of the
    server's time, in the driver and in PostgreSQL's per-statement work. SQLite's
    executemany is a loop in C already."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table)
        session.connection().execute(
            stmt.on_conflict_do_nothing() if ignore_conflicts else stmt, rows)
        return
    names = tuple(rows[0])
    if not ignore_conflicts:
        _copy_rows(session, table, names, rows)
        return
    sql, processors = _unnest_insert(table, names)
    params = {}
    for i, name in enumerate(names):
        column = [row[name] for row in rows]
        process = processors[i]
        params[f"c{i}"] = column if process is None else [process(v) for v in column]
    session.connection().exec_driver_sql(sql, params)


def _copy_rows(session: Session, table: Table, names: tuple[str, ...],
               rows: list[dict[str, Any]]) -> None:
    """COPY … FROM STDIN in binary, in the session's transaction: psycopg writes each row
    in C, where the array parameters of `_unnest_insert` were built in Python."""
    sql, processors, types = _copy_statement(table, names)
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[attr-defined]
        copy.set_types(types)
        for row in rows:
            copy.write_row([row[n] if p is None else p(row[n])
                            for n, p in zip(names, processors, strict=True)])


@functools.cache
def _copy_statement(table: Table, names: tuple[str, ...]
                    ) -> tuple[str, list[Any], list[str]]:
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    columns = [table.c[name] for name in names]
    types = [_base_type(c.type.compile(dialect=dialect)) for c in columns]
    sql = f"COPY {table.name} ({', '.join(names)}) FROM STDIN (FORMAT BINARY)"
    return sql, _processors(columns, dialect), types


def _base_type(compiled: str) -> str:
    # "VARCHAR(36)" -> "varchar": psycopg's binary dumpers are chosen by the type's name
    return compiled.split("(")[0].lower()


def _processors(columns: list[Any], dialect: Any) -> list[Any]:
    # a TypeDecorator's own conversion (aware UTC times), which raw SQL would skip
    return [c.type.bind_processor(dialect) if hasattr(c.type, "process_bind_param")
            else None for c in columns]


@functools.cache
def _unnest_insert(table: Table, names: tuple[str, ...]) -> tuple[str, list[Any]]:
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    columns = [table.c[name] for name in names]
    # psycopg's own placeholders (exec_driver_sql): bytes go in binary ("%b"); as text,
    # a bytea array is hex that PostgreSQL parses back, three times the insert's own time
    arrays = ", ".join(
        f"CAST(%(c{i}){'b' if isinstance(c.type, LargeBinary) else 's'} AS "
        f"{c.type.compile(dialect=dialect)}[])" for i, c in enumerate(columns))
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
           f"SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING")
    return sql, _processors(columns, dialect)

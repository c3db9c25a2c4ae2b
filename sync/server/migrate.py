"""Alembic migrations, run by `server migrate` and by `server run` before it serves.

Several processes may start at once (two `server run` on one PostgreSQL), so migrating
holds a lock: PostgreSQL's transaction-scoped advisory lock (DDL is transactional there,
so the loser waits and then finds the schema at head), and on SQLite an flock on a file
in the data folder (SQLite's DDL is not transactional in Alembic's hands).
"""
from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# any constant: the advisory lock's name among this database's users
_PG_LOCK_KEY = 0x646F6E67  # "dong"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def upgrade(engine: Engine, lock_file: Path) -> tuple[str | None, str]:
    """Brings the schema to head; returns (revision before, revision after)."""
    # Alembic logs each step at INFO through the root logger's handlers; our CLI prints
    # its own one-line summary instead
    logging.getLogger("alembic").setLevel(logging.WARNING)
    cfg = _config()
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            before = current(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            return before, current(conn) or ""
    with _file_lock(lock_file), engine.begin() as conn:
        before = current(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        return before, current(conn) or ""

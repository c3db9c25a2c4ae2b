"""Helpers of the sync route tests that look at a running server's database directly:
its `server status` counts, and device states set as the center's tools will set them
(revocation has no route yet). Kept apart from conftest.py/device.py, which other work
extends."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, select, update
from sqlalchemy.orm import Session

from sync.protocol import ErrorBody, from_json
from sync.server.config import load as load_config
from sync.server.db import make_engine, session_factory, write_session_factory
from sync.server.models import Device as DeviceRow
from sync.server.overview import overview
from tests.sync.conftest import BACKENDS, RunningServer, init_server, new_database

_shared: dict[str, RunningServer] = {}


@pytest.fixture(scope="module", params=BACKENDS, name="server")
def routes_server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """The server of the route tests (test_push, test_pull, …), one per backend shared by
    their modules: they fill it with devices and changes, and conftest's `server` must
    stay empty for test_server's counts. A module imports this to use it instead."""
    backend = request.param
    if backend not in _shared:
        tmp = request.getfixturevalue("tmp_path_factory").mktemp(f"routes-{backend}")
        srv = init_server(tmp, new_database(request, backend))
        srv.start()
        _shared[backend] = srv
        # at the session's end (a module-scoped fixture cannot outlive its module)
        request.config.add_cleanup(srv.stop)
    yield _shared[backend]


def engine_of(srv: RunningServer) -> Engine:
    """An engine on the server's database, as its data folder records it (dispose it)."""
    return make_engine(load_config(srv.data).database_url)


def database_bytes(srv: RunningServer) -> bytes:
    """Every value of every row of every table, as bytes (what a copy of the database
    would give someone: PostgreSQL's files are not in the data folder)."""
    engine = engine_of(srv)
    meta = MetaData()
    meta.reflect(engine)
    out = bytearray()
    try:
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                for row in conn.execute(select(table)):
                    for v in row:
                        out += v if isinstance(v, bytes) else str(v).encode()
                        out += b"\x00"
    finally:
        engine.dispose()
    return bytes(out)


@contextmanager
def db(srv: RunningServer, write: bool = False) -> Iterator[Session]:
    engine = engine_of(srv)
    try:
        factory = write_session_factory(engine) if write else session_factory(engine)
        with factory.begin() as session:
            yield session
    finally:
        engine.dispose()


def status(srv: RunningServer) -> dict[str, Any]:
    """What `server status --json` prints (the same function, without a process start per
    call; test_push checks the command itself once)."""
    with db(srv) as session:
        return overview(session)


def device_status(srv: RunningServer, device_id: str) -> dict[str, Any]:
    (row,) = [d for d in status(srv)["devices"] if d["id"] == device_id]
    return row


def set_state(srv: RunningServer, device_id: str, state: str) -> None:
    with db(srv, write=True) as session:
        session.execute(update(DeviceRow).where(DeviceRow.id == device_id)
                        .values(state=state))


def worker_name(prefix: str = "w") -> str:
    """A worker of its own per test: the server fixture is shared by the whole session."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def one_line_error(response: Any, status_code: int | tuple[int, ...]) -> ErrorBody:
    """The answer is `status_code` with an ErrorBody of one line."""
    codes = (status_code,) if isinstance(status_code, int) else status_code
    assert response.status_code in codes, (response.status_code, response.text[:300])
    body = from_json(ErrorBody, response.content)
    assert body.message and "\n" not in body.message, body
    assert set(response.json()) == {"error", "message"}
    return body

"""The database layer on SQLite and PostgreSQL: migrations match the models, the server
sequence is handed out in commit order, and the organisation key files."""
from __future__ import annotations

import threading
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from crypto.kdf import CHEAP
from sync.server import migrate, orgkeys, sequence
from sync.server.db import make_engine, session_factory
from sync.server.errors import ServerError
from sync.server.files import write_new
from sync.server.models import Base
from tests.sync.conftest import BACKENDS, new_database


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    url = new_database(request, request.param)
    from sync.server.config import ServerPaths, sqlalchemy_url

    eng = make_engine(sqlalchemy_url(url, ServerPaths(tmp_path)))
    migrate.upgrade(eng, tmp_path / "migrate.lock")
    yield eng
    eng.dispose()


def test_migrations_create_exactly_the_models_and_rerun_as_no_ops(engine, tmp_path):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.upgrade(engine, tmp_path / "migrate.lock") == (migrate.head(),
                                                                  migrate.head())


def test_the_sequence_is_gapless_and_a_second_writer_waits_for_the_first_commit(engine):
    sessions = session_factory(engine)
    first = sessions()
    assert list(sequence.allocate(first, 3)) == [1, 2, 3]
    got: list[int] = []

    def second() -> None:
        with sessions.begin() as s:
            got.extend(sequence.allocate(s, 2))
            got.append(time.monotonic())  # type: ignore[arg-type]

    t = threading.Thread(target=second)
    t.start()
    time.sleep(0.5)
    assert got == []  # blocked on the counter row while the first has not committed
    committed = time.monotonic()
    first.commit()
    first.close()
    t.join(30)
    assert got[:2] == [4, 5] and got[2] >= committed
    with sessions.begin() as s:  # a rolled-back allocation leaves no gap
        sequence.allocate(s, 1)
        s.rollback()
    with sessions() as s:
        assert sequence.last(s) == 5


def test_org_key_files_open_with_the_passphrase_and_purpose_only(tmp_path):
    pair = orgkeys.generate("signing")
    path = tmp_path / "signing.key"
    write_new(path, orgkeys.key_file_bytes(pair, "a passphrase!", CHEAP, "센터"))
    assert orgkeys.load(path, "a passphrase!", "signing").public == pair.public
    with pytest.raises(ServerError, match="wrong passphrase"):
        orgkeys.load(path, "another one!!", "signing")
    with pytest.raises(ServerError, match="not a sealing key"):
        orgkeys.load(path, "a passphrase!", "sealing")
    relabelled = path.read_text().replace('"signing"', '"sealing"')
    (tmp_path / "sealing.key").write_text(relabelled)
    with pytest.raises(ServerError):
        orgkeys.load(tmp_path / "sealing.key", "a passphrase!", "sealing")
    with pytest.raises(FileExistsError):
        write_new(path, b"x")

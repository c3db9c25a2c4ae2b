"""Notes from the center through the real commands, on SQLite and PostgreSQL: a desk's
note about a case reaches its worker (sealed to them alone), a teammate who may open the
case neither reads it nor keeps it waiting, and only a desk sends one."""
from __future__ import annotations

import pytest

from tests.sync.conftest import BACKENDS, served
from tests.sync.laptops import enroll, new_laptop
from tests.sync.servers import database_bytes
from tests.sync.test_desk import _import, _one_line
from tests.sync.test_round import _session


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "notes") as s:
        yield s


def test_a_note_from_the_desk_reaches_its_worker_alone(srv, tmp_path):
    a = new_laptop(tmp_path, "a", "메모받는이")
    b = new_laptop(tmp_path, "b", "같이보는이")
    a.put(tmp_path, "companion_session", _session("법원", "메모가 달릴 사례의 기록입니다"),
          case="MEM-2026-0001")
    desk = new_laptop(tmp_path, "desk", "메모데스크")
    assert _import(desk, srv, tmp_path).code == 0
    for lap in (a, b):
        enroll(srv, lap)
    enroll(srv, desk, role="desk")
    a.json("sync")
    assert a.run("sync", "share", "--case", "MEM-2026-0001", "--worker", "같이보는이").code == 0
    desk.json("sync")

    text = "다음 주 재판 전에 진술서 사본을 챙겨 주세요 메모캐너리"
    r = desk.run("desk", "note", "--case", "MEM-2026-0001@메모받는이", "--text", text)
    assert r.code == 0, r.err
    (sent,) = desk.json("notes")
    assert sent["to_worker"] == "메모받는이" and sent["by_worker"] == "메모데스크"

    a.json("sync")
    (got,) = a.json("notes")
    assert got["text"] == text and got["case_code"] == "MEM-2026-0001"
    assert got["by_worker"] == "메모데스크" and got["read_at"] is None
    b.json("sync")
    assert b.json("notes") == []
    assert b.json("sync", "status")["inbox_waiting"] == 0
    assert "메모캐너리".encode() not in database_bytes(srv)

    # only a desk sends notes; an empty note is refused
    assert "desk" in _one_line(a.run("--lang", "en", "desk", "note", "--case",
                                     "MEM-2026-0001", "--text", "x"))
    assert _one_line(desk.run("desk", "note", "--case", "MEM-2026-0001@메모받는이",
                              "--text", "   "))

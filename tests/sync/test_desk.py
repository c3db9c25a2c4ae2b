"""The center's desk through the real commands, against a real server (SQLite and
PostgreSQL): `desk import-key` (before or after enrolling; refused on a worker's vault,
with the wrong passphrase or the wrong key), a desk reading every worker's records under
the authors' ids, and `desk handover` giving a leaving worker's cases to another."""
from __future__ import annotations

import pytest

from tests.sync.conftest import BACKENDS, PASSPHRASE, served
from tests.sync.laptops import Laptop, enroll, new_laptop
from tests.sync.test_round import _session


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "desk") as s:
        yield s


def _key_pass(tmp_path, text: str = PASSPHRASE):
    f = tmp_path / "key-pass"
    f.write_text(text + "\n", encoding="utf-8")
    return str(f)


def _import(desk: Laptop, srv, tmp_path, key: str = "sealing.key", text: str = PASSPHRASE):
    return desk.run("--lang", "en", "desk", "import-key", str(srv.keydir / key), "--key-passphrase-file",
                    _key_pass(tmp_path, text))


def _one_line(r) -> str:
    assert r.code == 1 and "Traceback" not in r.err, r.err
    lines = [x for x in r.err.splitlines() if x.strip()]
    assert len(lines) == 1, r.err
    return lines[0]


def test_a_desk_reads_every_workers_records_under_their_ids(srv, tmp_path):
    a = new_laptop(tmp_path, "a", "강다온")
    b = new_laptop(tmp_path, "b", "윤서하")
    ra = a.put(tmp_path, "companion_session", _session("법원", "데스크가 읽을 강다온의 기록"),
               case="KDO-2026-0001")
    rb = b.put(tmp_path, "companion_session", _session("병원", "데스크가 읽을 윤서하의 기록"),
               case="YSH-2026-0001")
    for lap in (a, b):
        enroll(srv, lap)
        lap.json("sync")

    desk = new_laptop(tmp_path, "desk", "센터데스크")
    assert _import(desk, srv, tmp_path).code == 0      # before enrolling
    enroll(srv, desk, role="desk")
    desk.json("sync")
    listed = {x["id"]: x for x in desk.json("record", "list")}
    assert listed[ra]["author"] == "강다온" and listed[rb]["author"] == "윤서하"
    assert desk.json("record", "show", ra)["values"]["what_happened"] == \
        "데스크가 읽을 강다온의 기록"
    assert desk.json("record", "show", rb)["values"]["place"] == "병원"


def test_a_desk_that_synced_before_the_key_opens_it_all_after(srv, tmp_path):
    a = new_laptop(tmp_path, "a2", "한결")
    rid = a.put(tmp_path, "companion_session", _session("검찰", "키보다 먼저 받은 기록"),
                case="HG-2026-0001")
    enroll(srv, a)
    a.json("sync")
    desk = new_laptop(tmp_path, "desk2", "센터데스크2")
    enroll(srv, desk, role="desk")
    desk.json("sync")
    assert rid not in {x["id"] for x in desk.json("record", "list")}  # sealed: unreadable
    assert _import(desk, srv, tmp_path).code == 0                     # after enrolling
    desk.json("sync")
    assert desk.json("record", "show", rid)["values"]["what_happened"] == "키보다 먼저 받은 기록"


def test_import_key_refuses_what_it_must(srv, tmp_path):
    worker = new_laptop(tmp_path, "w", "이도윤")
    enroll(srv, worker)
    assert "worker" in _one_line(_import(worker, srv, tmp_path))
    fresh = new_laptop(tmp_path, "d3", "센터데스크3")
    assert "wrong passphrase" in _one_line(_import(fresh, srv, tmp_path, text="틀린 암호"))
    assert "signing key, not a sealing key" in _one_line(
        _import(fresh, srv, tmp_path, key="signing.key"))
    assert "no such file" in _one_line(_import(fresh, srv, tmp_path, key="none.key"))
    # a vault holding the key never becomes a worker's laptop
    assert _import(fresh, srv, tmp_path).code == 0
    r = fresh.run("--lang", "en", "sync", "enroll", "--server", srv.url, "--code", _code(srv, "센터데스크3"),
                  "--fingerprint", srv.fingerprint)
    assert "cannot enroll as a worker" in _one_line(r)
    assert fresh.json("sync", "status")["enrolled"] is False


def _code(srv, worker: str, role: str = "worker") -> str:
    import json

    from tests.sync.conftest import cli

    proc = cli("enroll", "--data", str(srv.data), "--worker", worker, "--role", role,
               "--json")
    assert proc.returncode == 0, proc.stderr
    return str(json.loads(proc.stdout)["code"])


def test_handover_gives_a_leaving_workers_cases_to_another(srv, tmp_path):
    a = new_laptop(tmp_path, "h1", "떠나는활동가")
    b = new_laptop(tmp_path, "h2", "이어받는활동가")
    rids = [a.put(tmp_path, "companion_session", _session("법원", f"인계할 사례의 기록입니다 {i}"),
                  case=f"LEA-2026-000{i}") for i in (1, 2)]
    for lap in (a, b):
        enroll(srv, lap)
    a.json("sync")
    b.json("sync")
    assert b.json("record", "list") == []
    desk = new_laptop(tmp_path, "hdesk", "센터데스크4")
    assert _import(desk, srv, tmp_path).code == 0
    enroll(srv, desk, role="desk")
    desk.json("sync")
    r = desk.run("desk", "handover", "--worker", "떠나는활동가", "--to", "이어받는활동가")
    assert r.code == 0, r.err
    assert "2" in r.out
    b.json("sync")
    assert sorted(x["id"] for x in b.json("record", "list")) == sorted(rids)
    assert b.json("record", "show", rids[1])["values"]["what_happened"] == "인계할 사례의 기록입니다 2"
    # a worker's laptop cannot hand over; nor to the same worker
    assert "desk" in _one_line(b.run("--lang", "en", "desk", "handover", "--worker", "떠나는활동가", "--to",
                                     "이어받는활동가"))
    assert _one_line(desk.run("desk", "handover", "--worker", "이어받는활동가", "--to",
                              "이어받는활동가"))

"""Laptops syncing with a real server (SQLite and PostgreSQL), through the real commands:
enrollment, push exactly once with receipts, pull onto a worker's second laptop with the
same ids, routing (another worker sees nothing), both heads of an offline conflict kept on
the server and on both laptops, and a server dump holding none of the canaries."""
from __future__ import annotations

import base64
import json
import subprocess
import sys

import pytest

from tests.e2e.cli_helpers import ROOT
from tests.sync.conftest import BACKENDS, served
from tests.sync.laptops import enroll, new_laptop, server_status
from tests.sync.servers import database_bytes

CANARIES = ["홍길순캐너리", "010-9876-5432", "캐너리서술문장입니다"]


def _session(place: str, story: str) -> dict:
    return {"date": "2026-12-06", "start_time": "14:00", "end_time": "16:30",
            "place_type": "police", "place": place, "purpose": ["victim_interview"],
            "workers": [{"name": "활동가 이예시", "role": "lead"}],
            "what_happened": story, "victim_condition": "anxious", "outcome": "completed"}


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "round") as s:
        yield s


def test_push_exactly_once_then_pull_on_the_second_laptop(srv, tmp_path):
    a1 = new_laptop(tmp_path, "a1", "김동행")
    rid = a1.put(tmp_path, "companion_session",
                 _session("서울관악경찰서 " + CANARIES[0], CANARIES[2] + " " + CANARIES[1]),
                 case="KDH-2026-0001")
    fp = enroll(srv, a1)
    assert len(fp) == 19
    # the worker's second laptop is enrolled before the first sync: changes are sealed to
    # the devices the server lists at sealing time (a later device needs a grant)
    a2 = new_laptop(tmp_path, "a2", "김동행")
    enroll(srv, a2)

    first = a1.json("sync")
    assert first["pushed"] >= 2 and first["pending_changes"] == 0
    st = a1.json("sync", "status")
    assert st["pending_changes"] == 0 and st["acked"] == st["last_seq"] >= 2
    assert st["last_success"]

    server = server_status(srv)
    mine = [d for d in server["devices"] if d["worker"] == "김동행"]
    assert mine and mine[0]["changes"] == mine[0]["seq"] == st["last_seq"]

    # nothing new: nothing sent again, nothing counted again
    again = a1.json("sync")
    assert again["pushed"] == 0
    assert server_status(srv)["devices"] == server["devices"] or \
        [d["changes"] for d in server_status(srv)["devices"]] == \
        [d["changes"] for d in server["devices"]]

    pulled = a2.json("sync")
    assert pulled["pulled"] >= 2
    listed = a2.json("record", "list")
    assert [r["id"] for r in listed] == [rid]
    shown = a2.json("record", "show", rid)
    assert shown["values"]["what_happened"].startswith(CANARIES[2])

    # another worker's laptop receives nothing of this case
    b = new_laptop(tmp_path, "b", "박서연")
    enroll(srv, b)
    b.json("sync")
    assert b.json("record", "list") == []


def test_offline_edits_on_two_laptops_keep_both_heads(srv, tmp_path):
    a1 = new_laptop(tmp_path, "c1", "이하늘")
    rid = a1.put(tmp_path, "companion_session", _session("경찰서", "처음 작성한 동행 기록입니다"),
                 case="LHN-2026-0001")
    enroll(srv, a1)
    a2 = new_laptop(tmp_path, "c2", "이하늘")
    enroll(srv, a2)
    a1.json("sync")
    a2.json("sync")
    base = a2.json("record", "show", rid)["version_id"]

    a1.edit(tmp_path, rid, _session("경찰서", "노트북 1에서 고친 동행 기록입니다"))
    a2.edit(tmp_path, rid, _session("경찰서", "노트북 2에서 고친 동행 기록입니다"), base=base)
    a1.json("sync")
    a2.json("sync")
    a1.json("sync")
    for lap in (a1, a2):
        shown = lap.json("record", "show", rid)
        assert len(shown["heads"]) == 2, shown
        assert shown["conflict"] is True
    assert server_status(srv)["conflicts"] >= 1


def test_a_laptop_enrolled_later_opens_the_past_once_the_first_grants_it(srv, tmp_path):
    a1 = new_laptop(tmp_path, "g1", "윤나래")
    rid = a1.put(tmp_path, "companion_session",
                 _session("경찰서", "먼저 작성한 동행 기록입니다"), case="YNR-2026-0001")
    enroll(srv, a1)
    a1.json("sync")
    a2 = new_laptop(tmp_path, "g2", "윤나래")
    enroll(srv, a2)
    got = a2.json("sync")
    assert got["pulled"] >= 2
    # sealed before this laptop existed: kept in its inbox, shown as waiting, never dropped
    st = a2.json("sync", "status")
    assert st["inbox_waiting"] >= 2
    assert a2.json("record", "list") == []
    # the first laptop's next round grants it the keys; the second then opens everything
    a1.json("sync")
    a2.json("sync")
    assert [r["id"] for r in a2.json("record", "list")] == [rid]
    assert a2.json("sync", "status")["inbox_waiting"] == 0
    assert a2.json("record", "show", rid)["values"]["what_happened"].startswith("먼저")


def test_a_shared_case_reaches_the_teammate_and_nobody_else(srv, tmp_path):
    a = new_laptop(tmp_path, "s1", "한지민")
    rid = a.put(tmp_path, "companion_session",
                _session("법원", "공유하기 전에 작성한 기록입니다"), case="HJM-2026-0001")
    other = a.put(tmp_path, "companion_session",
                  _session("병원", "공유하지 않는 다른 사례 기록입니다"), case="HJM-2026-0002")
    b = new_laptop(tmp_path, "s2", "오세린")
    c = new_laptop(tmp_path, "s3", "문태오")
    for lap in (a, b, c):
        enroll(srv, lap)
    a.json("sync")
    b.json("sync")
    assert b.json("record", "list") == []

    r = a.run("sync", "share", "--case", "HJM-2026-0001", "--worker", "오세린")
    assert r.code == 0, r.err
    b.json("sync")
    assert [x["id"] for x in b.json("record", "list")] == [rid]
    # later edits are sealed to the teammate too
    a.edit(tmp_path, rid, _session("법원", "공유한 뒤에 고친 기록입니다"))
    a.json("sync")
    b.json("sync")
    assert b.json("record", "show", rid)["values"]["what_happened"].startswith("공유한 뒤")
    assert other not in [x["id"] for x in b.json("record", "list")]
    c.json("sync")
    assert c.json("record", "list") == []

    bad = a.run("sync", "share", "--case", "HJM-2026-0001", "--worker", "없는사람")
    assert bad.code == 1 and "Traceback" not in bad.err and bad.err.count("\n") <= 3


def _dump(srv) -> bytes:
    """The whole database and every file of the data folder."""
    out = bytearray(database_bytes(srv))
    for p in srv.data.rglob("*"):
        if p.is_file():
            out += p.read_bytes()
    return bytes(out)


def test_the_server_holds_no_canary(srv, tmp_path):
    lap = new_laptop(tmp_path, "d", "최canary")
    lap.put(tmp_path, "companion_session",
            _session(CANARIES[0], CANARIES[2] + " " + CANARIES[1]), case="CHC-2026-0001")
    enroll(srv, lap)
    lap.json("sync")
    dump = _dump(srv)
    for c in CANARIES:
        for form in (c.encode(), c.encode("utf-16-le"), base64.b64encode(c.encode()),
                     json.dumps(c).encode()):
            assert form not in dump, c


def test_sync_without_enrollment_says_so(tmp_path):
    lap = new_laptop(tmp_path, "e", "정미래")
    r = lap.run("sync")
    assert r.code == 1 and "sync enroll" in r.err and "Traceback" not in r.err
    st = lap.json("sync", "status")
    assert st["enrolled"] is False and st["pending_changes"] >= 0


def test_launcher_lists_sync():
    out = subprocess.run([sys.executable, "-m", "donghaeng", "sync", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "enroll" in out.stdout

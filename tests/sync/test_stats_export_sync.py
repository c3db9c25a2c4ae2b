"""`stats export` on a vault that synced with a real server: its own worker's team is the
one the enrollment named; a teammate's records, pulled through a shared case, carry their
author only, so their team column says "team unknown" (the sync protocol is unchanged)."""
from __future__ import annotations

import csv
import io

import pytest

from tests.sync.conftest import BACKENDS, served
from tests.sync.laptops import enroll, new_laptop

A, B = "김하린", "오세린"


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "stats") as s:
        yield s


def _session(place_type: str) -> dict:
    return {"date": "2026-11-20", "start_time": "10:00", "end_time": "11:30",
            "place_type": place_type, "place": "통계캐너리 장소", "purpose": ["victim_interview"],
            "workers": [{"name": "활동가 이예시", "role": "lead"}],
            "what_happened": "통계캐너리 서술입니다", "victim_condition": "anxious",
            "outcome": "completed"}


def _rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(
        path.read_bytes().decode("utf-8-sig").split("\r\n\r\n")[0])))


def test_team_of_pulled_authors_is_unknown(srv, tmp_path):
    a, b = new_laptop(tmp_path, "a", A), new_laptop(tmp_path, "b", B)
    a.put(tmp_path, "companion_session", _session("police"), case="KHR-2026-0001")
    for i in range(5):
        b.put(tmp_path, "companion_session", _session("court"), case=f"OSR-2026-000{i + 1}")
    enroll(srv, a, team="북부팀")
    enroll(srv, b, team="남부팀")
    a.json("sync")
    assert a.run("sync", "share", "--case", "KHR-2026-0001", "--worker", B).code == 0
    b.json("sync")

    out = tmp_path / "by-team.csv"
    summary = b.json("stats", "export", "--out", str(out), "--by", "team", "--lang", "en")
    assert summary["groups"] == ["team unknown", "남부팀"]
    rows = _rows(out)
    assert rows[0][4:] == ["team unknown", "남부팀", "Total"]
    place = [r for r in rows if r[0] == "Companion session" and r[3] in ("Police station", "Court")]
    assert [r[3:] for r in place] == [["Police station", "<5", "0", "x"], ["Court", "0", "5", "5"]]
    assert "통계캐너리" not in out.read_bytes().decode("utf-8-sig")

    out = tmp_path / "by-worker.csv"
    summary = b.json("stats", "export", "--out", str(out), "--by", "worker", "--lang", "en")
    assert summary["groups"] == sorted([A, B])

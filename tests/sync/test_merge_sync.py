"""A conflict merged and synced (issue 14): two laptops of one worker edit the same field
and different fields of one record offline, both sync through a real server (SQLite and
PostgreSQL); both see two heads; one merges with desktop.merging (through the one door),
syncs; the other pulls the merge; every version is in both histories and neither laptop
is in conflict any more."""
from __future__ import annotations

from desktop import merging
from desktop.records_service import RecordsService
from desktop.vault import Vault
from forms import load_registry
from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop, enroll, new_laptop


def _session(place: str, story: str, steps: str) -> dict:
    return {"date": "2026-12-06", "start_time": "14:00", "end_time": "16:30",
            "place_type": "police", "place": place, "purpose": ["victim_interview"],
            "workers": [{"name": "활동가 이예시", "role": "lead"}],
            "what_happened": story, "victim_condition": "anxious", "outcome": "completed",
            "next_steps": steps}


def _history(lap: Laptop, rid: str) -> tuple[set[str], list[str], dict]:
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        rec = v.get_record(rid)
        return {x.version_id for x in v.record_versions(rid)}, list(rec.heads), rec.values
    finally:
        v.lock()


def test_merge_on_one_laptop_reaches_the_other_with_every_version(server, tmp_path):
    a1 = new_laptop(tmp_path, "m1", "정다온")
    story = "처음 작성한 동행 기록입니다."
    rid = a1.put(tmp_path, "companion_session", _session("경찰서", story, "추후 안내"),
                 case="JDO-2026-0001")
    enroll(server, a1)
    a2 = new_laptop(tmp_path, "m2", "정다온")
    enroll(server, a2)
    a1.json("sync")
    a2.json("sync")
    root = a2.json("record", "show", rid)["version_id"]

    # offline: both change what_happened; laptop 1 the place, laptop 2 the next steps
    a1.edit(tmp_path, rid, _session("서울관악경찰서 2층", "노트북 1에서 고친 동행 기록입니다.",
                                    "추후 안내"))
    a2.edit(tmp_path, rid, _session("경찰서", "노트북 2에서 고친 동행 기록입니다.",
                                    "다음 주 법원 동행"), base=root)
    a1.json("sync")
    a2.json("sync")
    a1.json("sync")
    for lap in (a1, a2):
        assert lap.json("record", "show", rid)["conflict"] is True
    before, heads, _ = _history(a2, rid)
    assert len(heads) == 2 and root in before

    # laptop 2 merges: the different field is asked, the others are taken
    v = Vault.open(a2.home, a2.worker, LAPTOP_PASSPHRASE)
    try:
        registry = load_registry()
        m = merging.load(v, registry, rid)
        assert m.base == root and set(m.heads) == set(heads)
        assert [f.key for f in m.questions] == ["what_happened"]
        mine = m.sides.index(next(h for h in heads if h in m.sides and
                                  v.get_record(rid, h).device_id == v.device_id))
        saved = merging.save(RecordsService(v, registry), m, {"what_happened": mine})
    finally:
        v.lock()
    assert a2.json("sync")["pending_changes"] == 0
    a1.json("sync")

    for lap in (a1, a2):
        versions, now_heads, values = _history(lap, rid)
        assert now_heads == [saved.version_id], lap.home
        assert before | {saved.version_id} <= versions
        assert values["place"] == "서울관악경찰서 2층"           # laptop 1's, taken
        assert values["next_steps"] == "다음 주 법원 동행"         # laptop 2's, taken
        assert values["what_happened"] == "노트북 2에서 고친 동행 기록입니다."  # chosen
        shown = lap.json("record", "show", rid)
        assert shown["conflict"] is False and set(shown["parents"]) == set(heads)

"""Idle upkeep: the search index's merges run on the worker thread while the vault is idle
(the app's side of Vault.maintain), start with the session and stop at lock."""
from __future__ import annotations

from tests.ui.helpers import WAIT_MS, unlock, wait_idle
from ui.vault_upkeep import VaultUpkeep


def test_upkeep_merges_the_index_while_idle_and_stops_at_lock(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl()
    unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    assert ctrl.upkeep.timer.isActive()   # armed with the session

    def put_many(vault):
        for i in range(40):
            vault.put_record("intake", 1, {"memo": f"상담 {i} 김민지{i}"}, case_code=f"U-{i % 4}")
    ctrl.tasks.call(put_many)

    upkeep = VaultUpkeep(ctrl.tasks, idle_ms=20, busy_ms=5)
    upkeep.start()
    qtbot.waitUntil(lambda: upkeep.steps_run >= 1 and not upkeep.more, timeout=WAIT_MS)
    upkeep.stop()
    assert ctrl.tasks.call(lambda v: v.maintain(0.0)) is False   # nothing left to merge
    hits = ctrl.tasks.call(lambda v: v.search("김민지7"))
    assert len(hits) == 1

    ctrl.lock("manual")
    assert not ctrl.upkeep.timer.isActive()

"""Issue 12: at one bus stop every contact has the same district and place. The quick log
remembers them from the last saved contact for the session (until lock) and says so on
the form."""
from __future__ import annotations

from tests.ui.helpers import WAIT_MS, fill, unlock, wait_idle

STOP = {"district": "dongjak", "place_type": "park", "place": "보라매공원 입구 상담버스"}
CONTACT = {**STOP, "age_band": "age_14_16", "topics": ["online_grooming"],
           "follow_up_needed": False}


def _log_contact(main, ctrl, qtbot, values):
    main.quick_log()
    ed = main.editor
    fill(ed.view, values)
    ed.finalise_record()
    qtbot.waitUntil(lambda: main.editor is None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)


def test_the_next_contact_starts_at_the_same_stop_and_says_so(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _log_contact(main, ctrl, qtbot, CONTACT)
    main.quick_log()
    view = main.editor.view
    assert {k: view.rows[k].editor.value() for k in STOP} == STOP
    for k in STOP:
        note = view.rows[k].note
        assert note.isVisibleTo(view) and "remembered from your last contact" in note.text().lower()
    assert view.rows["age_band"].editor.value() is None  # the person is new
    assert not main.editor.dirty  # nothing typed yet: closing asks nothing


def test_a_moved_stop_is_remembered_and_lock_forgets(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("ko")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _log_contact(main, ctrl, qtbot, CONTACT)
    moved = {**CONTACT, "district": "gwanak", "place": "신림역 3번 출구"}
    _log_contact(main, ctrl, qtbot, moved)
    main.quick_log()
    view = main.editor.view
    assert view.rows["district"].editor.value() == "gwanak"
    assert view.rows["place"].editor.value() == "신림역 3번 출구"
    assert "지난 상담에서 가져왔습니다" in view.rows["place"].note.text()
    ctrl.lock("manual")
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.quick_log()
    view = main.editor.view
    assert all(view.rows[k].editor.value() is None for k in STOP)
    assert not view.rows["place"].note.isVisibleTo(view)

"""The whole flow of issue 4 on real widgets and a real vault: create account -> unlock ->
new case -> intake with a validation error shown at the field -> fixed -> saved -> in the
list -> search finds it -> companion session added -> timeline shows both -> idle past the
limit (fake clock) -> draft saved, locked -> unlock -> draft offered back."""
from __future__ import annotations

from PySide6.QtCore import Qt

from crypto.kdf import CHEAP  # noqa: F401  (the controller fixture creates with it)
from desktop.vault import Vault
from tests.ui.helpers import (
    PASSPHRASE,
    WAIT_MS,
    WORKER,
    fill,
    type_into,
    type_text,
    unlock,
    wait_idle,
)
from ui import dialogs


def _create_account(ctrl, qtbot):
    w = ctrl.first_run_window
    type_text(qtbot, w.name, WORKER)
    type_text(qtbot, w.passphrase, PASSPHRASE)
    type_text(qtbot, w.repeat, PASSPHRASE)
    qtbot.mouseClick(w.create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctrl.main_window is not None and ctrl.main_window.isVisible(),
                    timeout=WAIT_MS)


def _wait_editor(ctrl, qtbot, form_id):
    qtbot.waitUntil(lambda: ctrl.main_window.editor is not None
                    and ctrl.main_window.editor.form.id == form_id, timeout=WAIT_MS)
    return ctrl.main_window.editor


def _finalise(ctrl, qtbot, ed):
    qtbot.mouseClick(ed.finalise, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ed.finalising, timeout=WAIT_MS)


def test_issue4_whole_flow(make_ctrl, qtbot, clock, home):
    ctrl = make_ctrl("en")
    _create_account(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ctrl.lock("manual")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)

    # New case in one click: the intake form opens; the case (a generated code) is made
    # by the form's first save, not before.
    qtbot.mouseClick(main.cases.new_case, Qt.MouseButton.LeftButton)
    ed = _wait_editor(ctrl, qtbot, "intake")
    assert ed.case_code is None and ed.new_case
    view = ed.view
    assert view.rows["worker"].editor.value() == WORKER          # prefilled
    assert view.rows["intake_date"].editor.value() is not None  # today
    type_into(qtbot, view.rows["client_name"].editor, "이수아")
    type_into(qtbot, view.rows["contact_phone"].editor, "123")   # not a phone number
    fill(view, {"channel": "phone", "reporter": "victim", "safe_contact_method": "phone_call",
                "immediate_danger": False, "support_areas": ["investigation", "deletion"],
                "urgency": "high", "age_band_reported": "age_14_16"})
    type_into(qtbot, view.rows["summary"].editor, "Chat photos shared without consent.")
    _finalise(ctrl, qtbot, ed)
    # Not saved: the message sits at the phone field, in English.
    phone_row = view.rows["contact_phone"]
    assert phone_row.error.isVisibleTo(view) and phone_row.error.text()
    assert "phone" in phone_row.error.text().lower()
    assert main.editor is ed

    type_into(qtbot, phone_row.editor, "010-1234-5678")
    _finalise(ctrl, qtbot, ed)
    assert main.editor is None, ([p.path + ": " + p.message_en for p in ed.last_problems],
                                 ed.status.text())
    qtbot.waitUntil(lambda: main.case_view is not None and main.editor is None,
                    timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    code = main.case_view.code
    assert code.startswith(ctrl.tasks.call(lambda v: v.case_prefix) + "-")

    # In the list, and search finds it by a two-syllable Korean name.
    main.back_to_cases()
    wait_idle(ctrl, qtbot)
    assert main.cases.model.row_of(code) >= 0
    type_text(qtbot, main.cases.search, "수아")
    qtbot.waitUntil(lambda: main.cases.model.total() == 1, timeout=WAIT_MS)
    assert main.cases.model.code_at(0) == code
    main.cases.search.clear()
    wait_idle(ctrl, qtbot)

    # A companion session in the same case.
    main.open_case(code)
    wait_idle(ctrl, qtbot)
    main.case_view.new_record_requested.emit("companion_session", code)
    ed = _wait_editor(ctrl, qtbot, "companion_session")
    v = ed.view
    type_into(qtbot, v.rows["start_time"].editor, "10:00")
    type_into(qtbot, v.rows["end_time"].editor, "11:30")
    type_into(qtbot, v.rows["place"].editor, "Mapo police station")
    fill(v, {"place_type": "police", "purpose": ["victim_interview"],
             "victim_condition": "stable", "outcome": "completed",
             "workers": [{"name": WORKER, "role": "lead"}]})
    type_into(qtbot, v.rows["what_happened"].editor, "Accompanied the statement.")
    _finalise(ctrl, qtbot, ed)
    assert not ed.last_problems or main.editor is None, [p.path for p in ed.last_problems]
    qtbot.waitUntil(lambda: main.editor is None and main.case_view is not None,
                    timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    timeline = main.case_view.timeline
    assert [r.form for r in timeline.records] == ["companion_session", "intake"]
    labels = [timeline.data(timeline.index(i, 1)) for i in range(2)]
    assert labels[1] == ctrl.session.registry.latest("intake").title["en"]

    # Idle past the limit with a draft open: saved, then locked.
    main.case_view.new_record_requested.emit("evidence", code)
    ed = _wait_editor(ctrl, qtbot, "evidence")
    type_into(qtbot, ed.view.rows["title"].editor, "USB memo of chats")
    assert ed.dirty
    clock.advance(5 * 60 + 1)
    assert ctrl.idle.check()
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault and ctrl.unlock_window.isVisible(),
                    timeout=WAIT_MS)
    assert ctrl.main_window is None
    other = Vault.open(home, WORKER, PASSPHRASE)
    try:
        drafts = other.list_drafts()
    finally:
        other.lock()
    assert [d.payload["values"].get("title") for d in drafts] == ["USB memo of chats"]
    assert drafts[0].case_code == code

    # Unlock: the draft is offered back and opens with what was typed.
    dialogs.set_next_answer(True)
    main = unlock(ctrl, qtbot)
    ed = _wait_editor(ctrl, qtbot, "evidence")
    assert any(kind == "confirm" and "draft" in text.lower()
               for kind, _title, text in dialogs.history)
    assert ed.view.rows["title"].editor.value() == "USB memo of chats"
    assert ed.case_code == code

"""Issue 12: drafts piled up because Close never asked. Close asks keep / discard when the
form holds unsaved work; discard removes the draft, keep keeps it; an untouched form
closes without a question."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import WAIT_MS, type_into, unlock, wait_idle
from ui import dialogs


def _drafts(ctrl, qtbot):
    got = []
    ctrl.session.submit(lambda v: v.list_drafts(), got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    return [d.payload["values"].get("place") for d in got[0]]


def _typed_quick_log(ctrl, qtbot, text):
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.quick_log()
    ed = main.editor
    type_into(qtbot, ed.view.rows["place"].editor, text)
    ed.save_draft(force=True)  # as autosave would after 3 s
    wait_idle(ctrl, qtbot)
    assert _drafts(ctrl, qtbot) == [text]
    return main, ed


def test_close_then_discard_removes_the_draft(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main, ed = _typed_quick_log(ctrl, qtbot, "park gate")
    dialogs.set_next_answer(True)  # discard
    qtbot.mouseClick(ed.cancel, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    kinds = [k for k, _t, text in dialogs.history if "draft" in text.lower()]
    assert kinds == ["confirm"]
    assert main.editor is None
    assert _drafts(ctrl, qtbot) == []


def test_close_then_keep_keeps_the_draft_with_the_last_typing(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main, ed = _typed_quick_log(ctrl, qtbot, "park gate")
    type_into(qtbot, ed.view.rows["place"].editor, "station exit 3")  # not yet autosaved
    dialogs.set_next_answer(False)  # keep
    qtbot.mouseClick(ed.cancel, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    assert main.editor is None
    assert _drafts(ctrl, qtbot) == ["station exit 3"]


def test_an_untouched_form_closes_without_asking(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.quick_log()
    qtbot.mouseClick(main.editor.cancel, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    assert main.editor is None
    assert dialogs.history == []
    assert _drafts(ctrl, qtbot) == []

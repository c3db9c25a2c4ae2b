"""Safety behaviours on real widgets: wrong passphrase message, weak passphrase refused,
panic key (Ctrl+Shift+L, double Esc), privacy mask, clipboard hints and clearing."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, type_into, type_text, unlock, wait_idle
from ui.clipboard import SecureClipboard


def test_wrong_passphrase_shows_a_clear_message(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    w = ctrl.unlock_window
    type_text(qtbot, w.passphrase, "not the passphrase")
    qtbot.mouseClick(w.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(w.error.text()), timeout=WAIT_MS)
    assert w.error.text() == "wrong passphrase"
    assert ctrl.main_window is None and not ctrl.tasks.has_vault
    assert not w.busy.running and w.unlock.isEnabled()


def test_wrong_passphrase_message_in_korean(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("ko")
    w = ctrl.unlock_window
    type_text(qtbot, w.passphrase, "틀린 암호")
    qtbot.mouseClick(w.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(w.error.text()), timeout=WAIT_MS)
    assert w.error.text() == "암호가 맞지 않습니다"


def test_weak_passphrase_is_refused_with_the_reason(make_ctrl, qtbot):
    ctrl = make_ctrl("en")
    w = ctrl.first_run_window
    type_text(qtbot, w.name, WORKER)
    type_text(qtbot, w.passphrase, "password1")
    type_text(qtbot, w.repeat, "password1")
    qtbot.mouseClick(w.create, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert "at least 10 characters" in w.problems.text()
    assert "well-known" in w.problems.text()
    assert ctrl.workers() == [] and ctrl.main_window is None


def _open_editor_with_text(ctrl, qtbot, main, text):
    def created(case):
        main.open_editor("evidence", case.code)
    ctrl.session.submit(lambda v: v.create_case(), created)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    type_into(qtbot, main.editor.view.rows["title"].editor, text)
    return main.editor


def _draft_titles(ctrl):
    from desktop.vault import Vault

    v = Vault.open(ctrl.home, WORKER, PASSPHRASE)
    try:
        return [d.payload["values"].get("title") for d in v.list_drafts()]
    finally:
        v.lock()


def test_panic_key_saves_locks_and_hides(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ed = _open_editor_with_text(ctrl, qtbot, main, "panic draft")
    target = ed.view.rows["title"].editor.focus_target()
    qtbot.keyClick(target, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    assert ctrl.main_window is None
    assert ctrl.unlock_window.isMinimized() or ctrl.unlock_window.windowState() & \
        Qt.WindowState.WindowMinimized
    assert _draft_titles(ctrl) == ["panic draft"]


def test_double_escape_is_the_panic_key_single_is_not(make_ctrl, vault_home, qtbot, clock):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ed = _open_editor_with_text(ctrl, qtbot, main, "esc draft")
    target = ed.view.rows["title"].editor.focus_target()
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    clock.advance(2.0)  # too slow for a double press
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert ctrl.main_window is not None and ctrl.tasks.has_vault
    clock.advance(0.2)
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    assert ctrl.main_window is None
    assert _draft_titles(ctrl) == ["esc draft"]


def test_privacy_mask_hides_identifying_fields_until_clicked(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.quick_log()  # the outreach flow: privacy on by default
    ed = main.editor
    assert ed.privacy.isChecked()
    view = ed.view
    view.rows["follow_up_needed"].editor.set_value(True)
    view.refresh()
    alias = view.rows["contact_alias"]
    assert alias.identifying and alias.is_visible()
    type_into(qtbot, alias.editor, "Mina")
    # Leaving the field covers it again; the text is not on screen.
    view.rows["notes"].editor.focus_target().setFocus()
    qtbot.waitUntil(lambda: alias.is_masked(), timeout=WAIT_MS)
    assert alias.stack.currentWidget() is alias.cover
    assert "Mina" not in alias.cover.text()
    district = view.rows["district"]
    assert not district.is_masked()  # statistic fields stay visible
    qtbot.mouseClick(alias.cover, Qt.MouseButton.LeftButton)
    assert not alias.is_masked() and alias.editor.value() == "Mina"
    # Turning privacy off shows everything; on again masks the filled identifying field.
    ed.privacy.setChecked(False)
    assert view.masked_rows() == []
    ed.privacy.setChecked(True)
    assert alias in view.masked_rows()


def test_record_view_masks_and_copies_with_clipboard_hints(make_ctrl, vault_home, qtbot):
    from ui.record_view import RecordView

    ctrl = make_ctrl("en")
    unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    reg = ctrl.session.registry
    form = reg.latest("intake")

    class Rec:
        values = {"client_name": "이수아", "summary": "note", "channel": "phone"}

    clip = SecureClipboard(clear_after_s=0.2)
    view = RecordView(form, Rec(), [], privacy=True, clipboard=clip)
    qtbot.addWidget(view)
    cells = {c.value.accessibleName(): c for c in view.cells}
    name = cells[form.field("client_name").label["en"]]
    summary = cells[form.field("summary").label["en"]]
    assert name.masked and not summary.masked
    assert not name.value.isVisibleTo(view)
    name.reveal()
    assert name.value.text() == "이수아"
    qtbot.mouseClick(name.copy, Qt.MouseButton.LeftButton)
    mime: QMimeData = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "이수아"
    assert bytes(mime.data("x-kde-passwordManagerHint")) == b"secret"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "이수아", timeout=3000)
    # Non-identifying values are copied plainly and not cleared.
    qtbot.mouseClick(summary.copy, Qt.MouseButton.LeftButton)
    assert not QGuiApplication.clipboard().mimeData().hasFormat("x-kde-passwordManagerHint")

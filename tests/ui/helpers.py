"""Driving the real widgets the way a person does (keyboard, clicks) and reading them back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

PASSPHRASE = "봄날 버스 안에서 만나요 2026"
WORKER = "김민지"
WAIT_MS = 15000


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person: ASCII as key presses, Korean as an input-method commit (how an
    IME such as ibus/fcitx delivers composed Hangul) — QTest's key tables are ASCII-only."""
    widget.setFocus()
    run = ""
    for ch in text:
        if ch.isascii():
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        ev = QInputMethodEvent("", [])
        ev.setCommitString(ch)
        QApplication.sendEvent(widget, ev)
    if run:
        qtbot.keyClicks(widget, run)


def unlock(ctrl, qtbot, passphrase: str = PASSPHRASE, worker: str = WORKER):
    w = ctrl.unlock_window
    assert w is not None and w.isVisible()
    qtbot.waitUntil(lambda: w.account.findData(worker) >= 0, timeout=WAIT_MS)
    w.account.setCurrentIndex(w.account.findData(worker))
    w.passphrase.clear()
    type_text(qtbot, w.passphrase, passphrase)
    qtbot.mouseClick(w.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctrl.main_window is not None and ctrl.main_window.isVisible(),
                    timeout=WAIT_MS)
    return ctrl.main_window


def wait_idle(ctrl, qtbot):
    """Every queued vault operation done and its result delivered."""
    qtbot.waitUntil(lambda: ctrl.tasks.pending() == 0, timeout=WAIT_MS)
    ctrl.tasks.flush()
    qtbot.wait(20)


def type_into(qtbot, editor, text: str) -> None:
    target = editor.focus_target()
    target.setFocus()
    if isinstance(target, QLineEdit):
        target.clear()
    type_text(qtbot, target, text)


def set_field(view, path: str, value) -> None:
    """Set a field as if chosen with the mouse (combos, dates, checkboxes)."""
    row = view.rows[path]
    row.editor.set_value(value)
    row.editor.changed.emit()


def fill(view, values: dict) -> None:
    for path, value in values.items():
        set_field(view, path, value)
    view.refresh()


def current_editor(ctrl):
    return ctrl.main_window.editor


def unlock_as(ctrl, qtbot):
    return unlock(ctrl, qtbot, PASSPHRASE, WORKER)

"""Keyboard-only use and accessibility: the bus quick log done without the mouse; every
control a person can focus has an accessible name, on every screen and every form."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)

from tests.ui.helpers import WAIT_MS, unlock, wait_idle

PLAN = {"district": [Qt.Key.Key_Down], "place_type": [Qt.Key.Key_Down],
        "age_band": [Qt.Key.Key_Down], "topics": [Qt.Key.Key_Space],
        "follow_up_needed": [Qt.Key.Key_Down, Qt.Key.Key_Down]}


def _row_of(view, widget):
    for fid, row in view.rows.items():
        if row.container.isAncestorOf(widget):
            return fid
    return None


def test_quick_log_with_the_keyboard_alone(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    ed = main.editor
    assert ed.form.id == "outreach_contact"
    todo = dict(PLAN)
    for _ in range(80):
        w = QApplication.focusWidget()
        assert w is not None
        fid = _row_of(ed.view, w)
        if fid in todo:
            for key in todo.pop(fid):
                qtbot.keyClick(w, key)
        if not todo:
            break
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    assert not todo, f"never reached by Tab: {sorted(todo)}"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main.editor is None, timeout=WAIT_MS)
    recs = ctrl.tasks.call(lambda v: v.list_records(form="outreach_contact"))
    assert len(recs) == 1
    v = recs[0].values
    assert v["follow_up_needed"] is False and v["topics"] and v["district"] and v["worker"]


def _focusable(root):
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit,
             QAbstractItemView)
    from PySide6.QtWidgets import QWidget

    for w in root.findChildren(QWidget):
        if not isinstance(w, kinds):
            continue
        if w.isVisibleTo(root) and w.focusPolicy() != Qt.FocusPolicy.NoFocus and \
                w.isEnabled():
            # Parts of composite Qt widgets (a spin box's line edit, a combo's view) are
            # named through their owner.
            if isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox)):
                continue
            yield w


CHECKED: list[int] = []


def _unnamed(root) -> list[str]:
    out = []
    for w in _focusable(root):
        CHECKED.append(1)
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            out.append(f"{type(w).__name__} {w.objectName()!r} in "
                       f"{type(w.parentWidget()).__name__}")
    return out


def test_every_control_has_an_accessible_name(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("ko")
    assert not _unnamed(ctrl.unlock_window)
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    problems = []
    for key in ("cases", "outreach", "drafts", "dashboard", "verify", "settings"):
        main.show_page(key)
        wait_idle(ctrl, qtbot)
        problems += [f"{key}: {p}" for p in _unnamed(main)]
    code = []
    ctrl.session.submit(lambda v: v.create_case().code, code.append)
    qtbot.waitUntil(lambda: bool(code), timeout=WAIT_MS)
    main.open_case(code[0])
    wait_idle(ctrl, qtbot)
    problems += [f"case view: {p}" for p in _unnamed(main)]
    for form in ctrl.session.registry.all_latest():
        main.open_editor(form.id, code[0] if form.case_bound else None)
        wait_idle(ctrl, qtbot)
        view = main.editor.view
        for row in view.rows.values():  # groups get a first row, conditional fields shown
            row.set_visible(True)
            if hasattr(row.editor, "add_row") and not row.editor.rows:
                row.editor.add_row()
        problems += [f"{form.id}: {p}" for p in _unnamed(main.editor)]
        main.editor.dirty = False
        main._close_editor_widget()
    assert not problems, "\n".join(problems)
    assert len(CHECKED) > 250  # the walk really saw the controls of every screen

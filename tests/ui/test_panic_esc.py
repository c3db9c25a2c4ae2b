"""Issue 12: Esc twice is the panic key only when nothing else took either Esc — the Esc
that closes a drop-down (or a calendar, or a dialog) is not the first half of a panic."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import WAIT_MS, unlock, wait_idle


def test_esc_that_closes_a_drop_down_does_not_count(make_ctrl, vault_home, qtbot, clock):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.quick_log()
    ed = main.editor
    combo = ed.view.rows["district"].editor.combo
    combo.setFocus()
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)  # closes the drop-down
    qtbot.waitUntil(lambda: not combo.view().isVisible(), timeout=WAIT_MS)
    clock.advance(0.2)
    qtbot.keyClick(combo, Qt.Key.Key_Escape)  # the first Esc nothing took
    qtbot.wait(50)
    assert ctrl.main_window is not None and ctrl.tasks.has_vault
    clock.advance(0.2)
    qtbot.keyClick(combo, Qt.Key.Key_Escape)  # the second: panic
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    assert ctrl.main_window is None


def test_autolock_does_not_touch_the_qt_namespace_at_import():
    import subprocess
    import sys

    code = ("import PySide6.QtCore as c, sys\n"
            "import ui.autolock\n"
            "print('Qt' in vars(ui.autolock))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"

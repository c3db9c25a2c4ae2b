from PySide6.QtCore import Qt

from tests.ui.helpers import PASSPHRASE, WAIT_MS, type_text, unlock, wait_idle


def test_first_run_creates_account_and_opens_main(make_ctrl, qtbot):
    ctrl = make_ctrl()
    w = ctrl.first_run_window
    assert w is not None and w.isVisible()
    type_text(qtbot, w.name, "김민지")
    type_text(qtbot, w.passphrase, PASSPHRASE)
    type_text(qtbot, w.repeat, PASSPHRASE)
    qtbot.mouseClick(w.create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctrl.main_window is not None and ctrl.main_window.isVisible(),
                    timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    ctrl.lock("manual")
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    main = unlock(ctrl, qtbot)
    assert main.isVisible()

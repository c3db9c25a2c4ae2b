"""Test driver (never part of the product): the real app (`ui.app.main`) as a child
process, unlocked through its unlock window, one case opened with a record selected; then
it obeys one-word commands on stdin, so a test can scan its memory before and after a lock.

    python -m tests.ui.lock_child HOME CASE_CODE RECORD_ID   (passphrase: stdin's 1st line)

Prints OPENED once the record is on screen. Commands (one per line):
    lock | idle | oslock | panic | esc   lock the way a worker's lock happens (Ctrl+L, the
                                         idle timer, the OS lock signal, Ctrl+Shift+L, Esc
                                         twice); the app then replaces itself (exec)
    inplace                              no exec: lock as the app did before (prints LOCKED
                                         once the vault is locked), for comparison
    quit                                 quit as the window's close does
The driver lives only until the exec: the new process is `python -m donghaeng`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    home, code, record_id = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    passphrase = sys.stdin.readline().rstrip("\n")
    from PySide6.QtCore import QSocketNotifier, Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import ui.app

    ui.app.make_application()
    state = {"step": 0, "since": 0}

    def type_text(widget, text: str) -> None:  # Korean as an IME commit (tests/ui/helpers)
        widget.setFocus()
        for ch in text:
            if ch.isascii():
                QTest.keyClicks(widget, ch)
            else:
                ev = QInputMethodEvent("", [])
                ev.setCommitString(ch)
                QApplication.sendEvent(widget, ev)

    def tick():
        ctrl = ui.app.running
        if ctrl is None:
            return
        w = ctrl.unlock_window
        if state["step"] == 0 and w is not None and w.account.count() > 0:
            type_text(w.passphrase, passphrase)
            w.unlock.click()
            state["step"] = 1
        elif state["step"] == 1 and ctrl.main_window is not None:
            ctrl.main_window.open_case(code, record_id)
            state["step"] = 2
        elif state["step"] == 2 and ctrl.tasks.pending() == 0:
            state["since"] += 1
            if state["since"] >= 20:  # ~1 s with nothing queued: the record is shown
                print("OPENED", flush=True)
                state["step"] = 3
        elif state["step"] == 4 and not ctrl.tasks.has_vault and ctrl.main_window is None:
            print("LOCKED", flush=True)
            state["step"] = 5

    def command(*_args):
        line = os.read(0, 256).decode().strip()
        ctrl = ui.app.running
        if not line or ctrl is None:
            return
        focus = QApplication.focusWidget() or ctrl.main_window
        if line == "inplace":
            ctrl.relaunch = None
            ctrl.lock("manual")
            state["step"] = 4
        elif line == "lock":
            ctrl.main_window._lock()  # what Ctrl+L and the Lock button call
        elif line == "idle":
            ctrl.idle.limit_s = 0.0  # the idle timer (1 s) fires on its next check
        elif line == "oslock":
            ctrl.os_lock.on_prepare_for_sleep(True)  # logind's PrepareForSleep(true)
        elif line == "panic":
            QTest.keyClick(focus, Qt.Key.Key_L,
                           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        elif line == "esc":
            QTest.keyClick(ctrl.main_window, Qt.Key.Key_Escape)
            QTest.keyClick(ctrl.main_window, Qt.Key.Key_Escape)
        elif line == "quit":
            ctrl.quit()

    notifier = QSocketNotifier(0, QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    return ui.app.main(home, lang="en")


if __name__ == "__main__":
    raise SystemExit(main())

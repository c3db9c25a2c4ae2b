"""Child process for the crash tests: the real app (`ui.app.main`), unlocked, a form open,
text typed with key events; prints TYPED and runs until killed (SIGKILL) or told to quit
(SIGTERM).

    python -m tests.ui.crash_child HOME CASE_CODE TEXT   (passphrase on stdin)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    home, code, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    passphrase = sys.stdin.readline().rstrip("\n")
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    import ui.app

    ui.app.make_application()
    state = {"step": 0}

    def tick():
        ctrl = ui.app.running
        if ctrl is None:
            return
        if state["step"] == 0 and ctrl.main_window is None:
            ctrl._unlock(ctrl.workers()[0], passphrase)
            state["step"] = 1
        elif state["step"] == 1 and ctrl.main_window is not None:
            ed = ctrl.main_window.open_editor("evidence", code)
            target = ed.view.rows["title"].editor.focus_target()
            target.setFocus()
            QTest.keyClicks(target, text)
            print("TYPED", flush=True)
            state["step"] = 2

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    return ui.app.main(home, lang="en")


if __name__ == "__main__":
    raise SystemExit(main())

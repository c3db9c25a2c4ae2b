"""Run by test_field_ready.py in its own interpreter, on an offscreen screen of a given
size and scale (QT_QPA_PLATFORM=offscreen:configfile=..., QT_SCALE_FACTOR): unlock, open
the intake form with Ctrl+N, print where the window and the form's buttons are."""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main(lang: str) -> None:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    from crypto.kdf import CHEAP
    from desktop.vault import Vault
    from tests.ui.helpers import PASSPHRASE, WORKER
    from ui import translations_build
    from ui.app import make_application
    from ui.app_controller import AppController

    translations_build.compile_all()
    app = make_application()
    home = Path(tempfile.mkdtemp(prefix="dh-fit-"))
    Vault.create(home, WORKER, PASSPHRASE, kdf=CHEAP).lock()
    ctrl = AppController(home, lang=lang, kdf=CHEAP)
    ctrl.start()

    def spin(cond, timeout=30.0):
        end = time.monotonic() + timeout
        while not cond():
            app.processEvents()
            time.sleep(0.005)
            if time.monotonic() > end:
                raise TimeoutError
    spin(lambda: ctrl.unlock_window is not None)
    ctrl._unlock(WORKER, PASSPHRASE)
    spin(lambda: ctrl.main_window is not None and ctrl.main_window.isVisible())
    main = ctrl.main_window
    restored = None
    if "remember" in sys.argv:
        # The worker moves and resizes the window; after a lock and an unlock (a new
        # window) it comes back where it was.
        from PySide6.QtCore import QRect

        from ui.window_fit import SAVE_DELAY_MS

        for _ in range(5):
            app.processEvents()
        main.setGeometry(QRect(30, 60, 1180, 650))
        end = time.monotonic() + SAVE_DELAY_MS / 1000 + 1.0
        spin(lambda: time.monotonic() > end)
        ctrl.tasks.flush()
        ctrl.lock("manual")
        spin(lambda: ctrl.main_window is None)
        ctrl._unlock(WORKER, PASSPHRASE)
        spin(lambda: ctrl.main_window is not None and ctrl.main_window.isVisible())
        main = ctrl.main_window
        g = main.geometry()
        restored = [g.x(), g.y(), g.width(), g.height()]
    main.new_case()
    spin(lambda: main.editor is not None)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)

    def rect(w) -> list[int]:
        tl = w.mapToGlobal(QPoint(0, 0))
        return [tl.x(), tl.y(), w.width(), w.height()]

    screen = main.screen()
    avail: QRect = screen.availableGeometry()
    frame = main.frameGeometry()
    ed = main.editor
    out = {"avail": [avail.x(), avail.y(), avail.width(), avail.height()],
           "dpr": screen.devicePixelRatio(),
           "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
           "buttons": {n: rect(getattr(ed, n)) for n in ("cancel", "save_draft_btn",
                                                          "finalise")},
           "visible": all(getattr(ed, n).isVisible() for n in ("cancel", "save_draft_btn",
                                                                "finalise")),
           "restored": restored,
           "min": [main.minimumSizeHint().width(), main.minimumSizeHint().height()]}
    if len(sys.argv) > 2 and sys.argv[2].endswith(".png"):
        main.grab().save(sys.argv[2])
    print("@@FIT@@" + json.dumps(out))
    ctrl.shutdown()
    QApplication.processEvents()


if __name__ == "__main__":
    main(sys.argv[1])

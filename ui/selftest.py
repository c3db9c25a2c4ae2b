"""The GUI step of `donghaeng --self-test`: open the main window offscreen on an unlocked
vault, let it load the cases list and one case through the worker thread, close it.
Raises on any failure; the vault stays open (its owner, the self-test, locks it)."""
from __future__ import annotations

import os
import time


class GuiCheckFailed(Exception):
    def __init__(self, en: str, ko: str):
        super().__init__(en)
        self.en, self.ko = en, ko


def _wait(app, cond, seconds: float, what_en: str, what_ko: str) -> None:
    deadline = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > deadline:
            raise GuiCheckFailed(f"timed out: {what_en}", f"시간 초과: {what_ko}")
        app.processEvents()
        time.sleep(0.01)


def run_gui_check(vault) -> None:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ui import i18n
    from ui.app import make_application

    app = make_application()
    i18n.install(i18n.current())
    if not i18n.translations_present():
        raise GuiCheckFailed("the compiled translations (.qm) are missing from this build",
                             "번역 파일(.qm)이 빌드에 없습니다")
    from forms import load_registry
    from ui.clipboard import SecureClipboard
    from ui.main_window import MainWindow
    from ui.preferences import WorkerSettings
    from ui.session import Session
    from ui.tasks import VaultTasks

    tasks = VaultTasks()
    main = None
    try:
        tasks.adopt_vault(vault)
        settings = tasks.call(WorkerSettings.load)
        expected = tasks.call(lambda v: [c.code for c in v.list_cases()])
        session = Session(home=vault.home, worker=vault.worker, tasks=tasks, settings=settings,
                          clipboard=SecureClipboard(), _registry=load_registry())
        main = MainWindow(session)
        main.show()
        loaded = []
        main.cases.loaded.connect(lambda: loaded.append(True))
        main.cases.reload()
        _wait(app, lambda: loaded, 30, "the cases list did not load", "사례 목록을 불러오지 못함")
        if main.cases.model.total() != len(expected):
            raise GuiCheckFailed(
                f"the cases list shows {main.cases.model.total()} of {len(expected)} cases",
                f"사례 목록에 {len(expected)}건 중 {main.cases.model.total()}건만 보임")
        if expected:
            main.open_case(expected[0])
            cv = main.case_view
            _wait(app, lambda: cv.case is not None and tasks.pending() == 0, 30,
                  "the case view did not load", "사례 화면을 불러오지 못함")
        main.discard_content()
        main.hide()
    finally:
        if main is not None:
            main.session = _Detached()
            main.close()
            main.deleteLater()
        tasks.release_vault()
        tasks.shutdown()
        app.processEvents()


class _Detached:
    """A session stand-in after the check: closing the window must not quit anything."""

    controller = None

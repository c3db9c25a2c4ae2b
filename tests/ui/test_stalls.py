"""No vault I/O, search or hashing on the GUI thread: while the worker searches a large
vault (every keystroke) and imports a 200 MB file, the event loop never stalls > 100 ms.

Wall-clock gaps also count time the OS gave to other processes; on a shared 2-core
machine a single preemption can exceed 100 ms. Work done on (or blocking) the GUI thread
shows up in every attempt, preemption does not: the best of three attempts must pass."""
from __future__ import annotations

import time

import pytest

from tests.bench.ui_bench_vault import PASSPHRASE, WORKER, build
from tests.ui.helpers import WAIT_MS, wait_idle
from tests.ui.stall_meter import StallMeter
from ui import dialogs

# GUI stalls are timings: measured alone (tests/run-all.sh), never beside another test
pytestmark = pytest.mark.alone

MAX_STALL_MS = 100
ATTEMPTS = 3
QUERIES = ("김", "김수", "김수아", "공원", "피해자", "B-0012", "")


@pytest.fixture(scope="module")
def big_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("big") / "home"
    build(home, 3000)
    return home


def _unlock(ctrl, qtbot):
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: w.account.findData(WORKER) >= 0, timeout=WAIT_MS)
    w.passphrase.setText(PASSPHRASE)
    w.account.setCurrentIndex(w.account.findData(WORKER))
    w._submit()
    qtbot.waitUntil(lambda: ctrl.main_window is not None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    return ctrl.main_window


def _search_stall(ctrl, main, qtbot) -> float:
    meter = StallMeter()
    meter.start()
    for query in QUERIES:
        main.cases.search.setText(query)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: ctrl.tasks.pending() == 0, timeout=WAIT_MS)
    qtbot.wait(50)
    return meter.stop()


def _import_stall(ctrl, main, qtbot, big) -> tuple[float, float]:
    files = main.case_view.files
    before = files.model.rowCount()
    dialogs.set_next_answer(False)  # keep the source file
    meter = StallMeter()
    meter.start()
    t0 = time.perf_counter()
    files.import_files([big])
    qtbot.waitUntil(lambda: files.model.rowCount() == before + 1, timeout=120_000)
    return meter.stop(), time.perf_counter() - t0


@pytest.mark.slow
def test_no_stall_during_search_and_a_200mb_import(big_home, qtbot, tmp_path):
    from crypto.kdf import CHEAP
    from ui.app import make_application
    from ui.app_controller import AppController

    make_application()
    ctrl = AppController(big_home, lang="en", kdf=CHEAP)
    ctrl.start()
    try:
        main = _unlock(ctrl, qtbot)
        assert main.cases.model.total() == 3000
        search = [_search_stall(ctrl, main, qtbot) for _ in range(ATTEMPTS)]
        assert min(search) <= MAX_STALL_MS, f"search stalled {search} ms"

        big = tmp_path / "video.bin"
        with open(big, "wb") as fh:
            block = bytes(range(256)) * 4096  # 1 MiB
            for _ in range(200):
                fh.write(block)
        main.open_case("B-000000")
        wait_idle(ctrl, qtbot)
        imports = []
        for _ in range(ATTEMPTS):
            stall, seconds = _import_stall(ctrl, main, qtbot, big)
            assert seconds > 0.2  # the import really ran while we measured
            imports.append(stall)
            if stall <= MAX_STALL_MS:
                break
        assert min(imports) <= MAX_STALL_MS, f"import stalled {imports} ms"
    finally:
        ctrl.shutdown()
        for w in (ctrl.main_window, ctrl.unlock_window):
            if w is not None:
                w.close()

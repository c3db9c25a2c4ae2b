"""UI benchmarks (issue 4):

- ui.start_vs_bare_qt_ratio: process start -> unlock window shown, against a bare PySide6
  window, interleaved in the same run, medians of 11 each;
- ui.case_list_open_ms: 100k cases, from the main window's creation to the first rows
  painted (median of 5);
- ui.search_keystroke_p95_ms: 100k cases, keystroke -> search results shown;
- ui.max_stall_ms: the longest event-loop gap during searches and a 200 MB import (median
  over runs of each run's maximum);
- ui.rss_mb: resident memory with the 100k-case list open (and its facets loaded).

The 100k-case vault is built once and cached (tests/bench/ui_bench_vault.py).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import median, metric, percentile

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = 100_000
START_RUNS = 11

_BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("bare")
w.show()
QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), app.quit()))
app.exec()
"""

_APP = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.app
app = ui.app.make_application()
def shown():
    w = ui.app.running.unlock_window
    print("SHOWN" if w is not None and w.isVisible() else "NOT-SHOWN", flush=True)
    ui.app.running.quit()
QTimer.singleShot(0, shown)
sys.exit(ui.app.main(Path(sys.argv[1]), lang="ko"))
"""


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _time_child(code: str, *args: str) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().strip()
    elapsed = time.perf_counter() - t0
    proc.wait(60)
    if line != "SHOWN":
        raise RuntimeError(f"child did not show its window: {line!r}")
    return elapsed


def start_ratio() -> tuple[float, float, float]:
    # Bytecode as an installed app has it (pip and PyInstaller compile on install): with
    # PYTHONDONTWRITEBYTECODE set, an editable checkout would otherwise compile every
    # module from source at each start, a cost no user pays.
    import compileall

    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    for pkg in ("crypto", "desktop", "forms", "sync", "ui"):
        compileall.compile_dir(str(ROOT / pkg), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        Vault.create(home, "김민지", "bench start passphrase 2026", kdf=CHEAP).lock()
        _time_child(_BARE)  # warm the page cache for both
        _time_child(_APP, str(home))
        bare, app = [], []
        for _ in range(START_RUNS):
            bare.append(_time_child(_BARE))
            app.append(_time_child(_APP, str(home)))
    return median(app) / median(bare), median(app) * 1000, median(bare) * 1000


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def in_app_metrics() -> dict:
    """The 100k-case measurements, in this process (its own, under tests/bench/run.py)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    from ui_bench_vault import PASSPHRASE, WORKER, cached_home

    home = cached_home(CASES)
    from PySide6.QtWidgets import QApplication

    from desktop.vault import Vault
    from forms import load_registry
    from tests.ui.stall_meter import StallMeter
    from ui import dialogs, i18n
    from ui.app import make_application
    from ui.clipboard import SecureClipboard
    from ui.main_window import MainWindow
    from ui.preferences import WorkerSettings
    from ui.session import Session
    from ui.tasks import VaultTasks

    app = make_application()
    i18n.install("ko")
    tasks = VaultTasks()
    tasks.open_vault(lambda: Vault.open(home, WORKER, PASSPHRASE))
    tasks.flush()
    registry = load_registry()

    def pump_until(cond, timeout=120.0):
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError("benchmark step timed out")
            app.processEvents()
            time.sleep(0.0005)

    open_ms = []
    main = None
    for _ in range(5):
        if main is not None:
            main.discard_content()
            main.close()
            main.deleteLater()
            app.processEvents()
        session = Session(home=home, worker=WORKER, tasks=tasks, settings=WorkerSettings(),
                          clipboard=SecureClipboard(), _registry=registry)
        t0 = time.perf_counter()
        main = MainWindow(session)
        main.resize(1280, 820)
        main.show()
        loaded = []
        main.cases.loaded.connect(lambda lst=loaded: lst.append(True))
        main.cases.reload()
        pump_until(lambda lst=loaded: lst)
        main.cases.table.viewport().repaint()  # the first rows on screen
        open_ms.append((time.perf_counter() - t0) * 1000)
        assert main.cases.model.total() == CASES
        tasks.flush()
        app.processEvents()
    pump_until(lambda: main.cases._facets_loaded)
    app.processEvents()
    rss = _rss_mb()

    meter = StallMeter()
    cases = main.cases
    done: list[str] = []
    cases.search_done.connect(done.append)
    queries = ["김", "김수", "김수아", "이", "이서", "이서연", "공원", "지하철", "피해자",
               "B-0123", "박", "박지", "박지우", "청소년", "최", "최하", "최하은", "사진"]
    key_ms = []
    stalls = []
    for _round in range(3):
        meter.start()
        for q in queries:
            done.clear()
            t0 = time.perf_counter()
            cases.search.setText(q)
            pump_until(lambda q=q: q in done)
            cases.table.viewport().repaint()
            key_ms.append((time.perf_counter() - t0) * 1000)
        cases.search.setText("")
        pump_until(lambda: "" in done)
        stalls.append(meter.stop())

    big = Path(tempfile.mkdtemp()) / "video.bin"
    with open(big, "wb") as fh:
        block = bytes(range(256)) * 4096
        for _ in range(200):
            fh.write(block)
    main.open_case("B-000001")
    tasks.flush()
    pump_until(lambda: main.case_view.case is not None)
    for _round in range(3):
        files = main.case_view.files
        before = files.model.rowCount()
        dialogs.set_next_answer(False)
        meter.start()
        files.import_files([big])
        pump_until(lambda f=files, b=before: f.model.rowCount() == b + 1, 300)
        stalls.append(meter.stop())
    # Leave the cached vault as it was: the imported copies go.
    rec_atts = tasks.call(lambda v: v.list_attachments(case_code="B-000001"))
    for a in rec_atts:
        tasks.call(lambda v, a=a: v.remove_attachment(a.id))
    big.unlink()
    main.discard_content()
    main.close()
    tasks.lock_now()
    tasks.shutdown()
    QApplication.processEvents()
    return {"open_ms": median(open_ms), "key_p95": percentile(key_ms, 95),
            "stall": median(stalls), "rss": rss}


def run() -> list[dict]:
    ratio, app_ms, bare_ms = start_ratio()
    # The 100k part in a fresh interpreter: its RSS must not include this process's work.
    code = (f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import bench_ui; "
            "print('@@UI@@' + json.dumps(bench_ui.in_app_metrics()))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=1800)
    found = [ln for ln in proc.stdout.splitlines() if ln.startswith("@@UI@@")]
    if not found:
        raise RuntimeError("100k-case UI benchmark failed:\n" + proc.stderr[-3000:])
    m = json.loads(found[0][len("@@UI@@"):])
    return [
        metric("ui.start_vs_bare_qt_ratio", ratio, "x", "<=", 1.5),
        metric("ui.case_list_open_ms", m["open_ms"], "ms", "<=", 300),
        metric("ui.search_keystroke_p95_ms", m["key_p95"], "ms", "<=", 100),
        metric("ui.max_stall_ms", m["stall"], "ms", "<=", 100),
        metric("ui.rss_mb", m["rss"], "MB", "<=", 300),
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

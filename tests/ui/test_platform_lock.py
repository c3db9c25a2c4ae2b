"""Locking follows the operating system: a screensaver's D-Bus `ActiveChanged(true)` on a
real (private) session bus locks the app; the idle lock honours the configured minutes.

The D-Bus part runs in a child process with its own bus: Qt connects to the session bus
once per process."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.ui.helpers import WAIT_MS, unlock, wait_idle

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from ui.os_lock import OsLockWatcher
    app = QApplication([])
    w = OsLockWatcher()
    w.os_locked.connect(lambda reason: (print("LOCKED", reason, flush=True), app.quit()))
    print("BACKENDS", ",".join(w.start()), flush=True)
    QTimer.singleShot(20000, app.quit)
    app.exec()
""")


@pytest.fixture
def session_bus(tmp_path):
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.fail("dbus-daemon is not installed (Debian package dbus)")
    proc = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"],
                            stdout=subprocess.PIPE, text=True)
    address = proc.stdout.readline().strip()
    yield address
    proc.send_signal(signal.SIGTERM)
    proc.wait(10)


def test_screensaver_signal_over_dbus_locks(session_bus):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env.update(QT_QPA_PLATFORM="offscreen", DBUS_SESSION_BUS_ADDRESS=session_bus)
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = child.stdout.readline().split()
        assert first[0] == "BACKENDS"
        assert "org.freedesktop.ScreenSaver" in first[1].split(",")
        subprocess.run(["dbus-send", "--session", "--type=signal",
                        "/org/freedesktop/ScreenSaver",
                        "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"],
                       env=env, check=True)
        assert child.stdout.readline().split() == ["LOCKED", "screensaver"]
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)


def test_os_lock_signal_locks_the_session(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ctrl.os_lock.on_screensaver_active(False)  # screensaver stopping: nothing happens
    assert ctrl.main_window is not None
    ctrl.os_lock.on_prepare_for_sleep(True)
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    assert ctrl.main_window is None and ctrl.unlock_window.isVisible()


def test_idle_limit_follows_the_settings(make_ctrl, vault_home, qtbot, clock):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    settings = main.page("settings")
    settings.idle.setValue(2)
    settings._apply()
    wait_idle(ctrl, qtbot)
    clock.advance(90)
    assert not ctrl.idle.check()
    qtbot.keyClick(main.cases.search, "a")  # activity resets the idle time
    clock.advance(90)
    assert not ctrl.idle.check()
    clock.advance(31)
    assert ctrl.idle.check()
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=WAIT_MS)
    # The setting is kept in the vault: the next unlock uses it.
    main = unlock(ctrl, qtbot)
    assert ctrl.idle.limit_s == 120

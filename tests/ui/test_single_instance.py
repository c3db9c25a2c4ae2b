"""One app per home (ui/single_instance.py), with real processes: a second copy on the same
home (same worker, or none, or another) brings the first to the front and exits without a
window; a copy on another home starts; a socket left by a killed app does not block a new
start; the folder is 0700 and the socket 0600. In process: the first copy's answer raises
its window and preselects the worker asked for while locked."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crypto.kdf import CHEAP
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, unlock, wait_idle

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="not wired on Windows")


def _home(path: Path, *workers: str) -> Path:
    from desktop.vault import Vault

    for w in workers:
        Vault.create(path, w, PASSPHRASE, kdf=CHEAP).lock()
    return path


def _env(runtime: Path, ready: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime))
    if ready is not None:
        env["DONGHAENG_READY_FILE"] = str(ready)
    return env


def _start(home: Path, runtime: Path, ready: Path, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "donghaeng", "--home", str(home),
                             "--lang", "en", *extra], cwd=ROOT, env=_env(runtime, ready),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (ready.exists() and list(runtime.glob("donghaeng/*.sock"))):
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise AssertionError("app did not start: " + proc.communicate()[1][-2000:])
        time.sleep(0.05)
    return proc


def _second(home: Path, runtime: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    ready = tmp / "second-ready.txt"
    done = subprocess.run([sys.executable, "-m", "donghaeng", "--home", str(home),
                           "--lang", "en", *extra], cwd=ROOT, env=_env(runtime, ready),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert not ready.exists()  # it never showed an unlock window
    return done


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def test_second_copy_brings_the_first_to_the_front(tmp_path, runtime):
    home = _home(tmp_path / "home", WORKER, "Park")
    first = _start(home, runtime, tmp_path / "ready.txt")
    try:
        folder = runtime / "donghaeng"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        sock = next(folder.glob("*.sock"))
        assert stat.S_ISSOCK(sock.lstat().st_mode) and stat.S_IMODE(sock.lstat().st_mode) == 0o600
        assert WORKER not in sock.name and "home" not in sock.name  # a hash, not the path
        for extra in ((), ("--worker", WORKER), ("--worker", "Park")):
            done = _second(home, runtime, tmp_path, *extra)
            assert done.returncode == 0, done.stderr
            assert "already open" in done.stderr and "brought to the front" in done.stderr
        assert first.poll() is None  # the first copy is still running
        # The command line still works alongside the app.
        listed = subprocess.run([sys.executable, "-m", "donghaeng", "--home", str(home),
                                 "--version"], cwd=ROOT, env=_env(runtime),
                                capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0
    finally:
        _stop(first)
    assert first.returncode == 0
    assert not list((runtime / "donghaeng").glob("*.sock"))  # removed on quit


def test_another_home_starts_its_own_app(tmp_path, runtime):
    a = _start(_home(tmp_path / "a", WORKER), runtime, tmp_path / "ready-a.txt")
    try:
        b = _start(_home(tmp_path / "b", WORKER), runtime, tmp_path / "ready-b.txt")
        _stop(b)
        assert b.returncode == 0
    finally:
        _stop(a)


def test_a_killed_apps_socket_does_not_block_a_new_start(tmp_path, runtime):
    home = _home(tmp_path / "home", WORKER)
    first = _start(home, runtime, tmp_path / "ready-1.txt")
    first.kill()
    first.wait(10)
    assert list(runtime.glob("donghaeng/*.sock"))  # left behind
    again = _start(home, runtime, tmp_path / "ready-2.txt")  # starts and serves
    try:
        done = _second(home, runtime, tmp_path)
        assert done.returncode == 0 and "already open" in done.stderr
    finally:
        _stop(again)


def test_a_folder_open_to_others_or_a_symlink_is_not_used(runtime):
    from ui.single_instance import _private_folder

    assert _private_folder(runtime / "mine") == runtime / "mine"
    opened = runtime / "opened"
    opened.mkdir()
    os.chmod(opened, 0o755)
    assert _private_folder(opened) is None
    (runtime / "link").symlink_to(runtime / "mine")
    assert _private_folder(runtime / "link") is None


# -- in process: what the first copy does --------------------------------------------------

def test_request_raises_the_window_and_preselects_while_locked(make_ctrl, home, qtbot):
    _home(home, WORKER, "Park")
    ctrl = make_ctrl("en")
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: w.account.count() == 2, timeout=WAIT_MS)
    w.showMinimized()
    assert ctrl.bring_to_front("Park") == "unlock"
    assert not w.isMinimized() and w.account.currentData() == "Park"
    main = unlock(ctrl, qtbot, worker=WORKER)
    wait_idle(ctrl, qtbot)
    main.showMinimized()
    assert ctrl.bring_to_front("Park") == "main"  # unlocked: the session is left as it is
    assert not main.isMinimized() and ctrl.worker == WORKER

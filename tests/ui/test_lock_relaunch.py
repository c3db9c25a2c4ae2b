"""Lock leaves nothing in memory: the real app in a child process, unlocked through its
window, a case open with a record holding a canary; after a lock the process has replaced
itself (same PID, new image) and a root scan of /proc/PID/mem finds no copy of the
passphrase, the data key or the canary (UTF-8, UTF-16-LE, UTF-32-LE). Every way a lock
happens (Ctrl+L, idle timer, OS lock signal, Ctrl+Shift+L, Esc twice) takes that path;
quitting still exits. In-process: the seam is called only after the vault is locked and the
draft saved, with the language, home and worker to keep.

Linux only (/proc). The scan is shown to see the unlocked process first (positive control),
which is non-dumpable by then: reading it needs CAP_SYS_PTRACE (root here).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from crypto.kdf import CHEAP
from crypto.keyslots import KeyslotFile
from tests.ui import memscan
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, unlock, wait_idle

ROOT = Path(__file__).resolve().parents[2]
CANARY = "카나리아 CANARY-q7Zr4x 세린"
CANARY_ASCII = "canary-ascii-Vb81kQ"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")


def _vault_with_canary(home: Path) -> tuple[str, str, bytes]:
    from desktop.records_service import RecordsService
    from desktop.vault import Vault
    from forms.examples import example

    v = Vault.create(home, WORKER, PASSPHRASE, kdf=CHEAP)
    try:
        values = dict(example("evidence"), title=CANARY, description=CANARY_ASCII)
        saved = RecordsService(v).create("evidence", values, new_case=True)
        code, record_id = saved.case_code, saved.id
    finally:
        v.lock()
    slots = next(home.glob("vaults/*/keyslots.json")).read_bytes()
    key = KeyslotFile.parse(slots).unwrap_passphrase(PASSPHRASE)
    try:
        return code, record_id, bytes(key)
    finally:
        key.wipe()


def _needles(key: bytes) -> dict[str, bytes]:
    needles = {"data key (raw)": key}
    for label, text in (("passphrase", PASSPHRASE), ("canary", CANARY),
                        ("canary ascii", CANARY_ASCII), ("data key (hex)", key.hex())):
        for enc, data in memscan.encodings(text).items():
            needles[f"{label} {enc}"] = data
    return needles


class App:
    """The child app and what the test sees of it from outside."""

    def __init__(self, tmp: Path, home: Path, code: str, record_id: str, runtime: Path):
        self.ready = tmp / "ready.txt"
        self.runtime = runtime
        env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
        env.update(QT_QPA_PLATFORM="offscreen", DONGHAENG_READY_FILE=str(self.ready),
                   XDG_RUNTIME_DIR=str(runtime),
                   # a secret in the environment must not reach the relaunched process
                   DONGHAENG_PASSPHRASE="env-secret-must-vanish")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.lock_child", str(home), code, record_id],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.send(PASSPHRASE)
        self.expect("OPENED")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def expect(self, word: str, timeout: float = 60) -> None:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line.strip() == word:
                return
            if not line and self.proc.poll() is not None:
                break
        self.kill()
        raise AssertionError(f"child never said {word}: " + self.stderr()[-3000:])

    def ready_lines(self) -> int:
        return len(self.ready.read_text().splitlines()) if self.ready.exists() else 0

    def wait_relaunched(self, timeout: float = 60) -> None:
        """Same PID, new image: `-m donghaeng` on its command line, a second ready line
        (its unlock window listing the accounts), serving the home (ui/single_instance)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("the app exited instead: " + self.stderr()[-3000:])
            if (b"donghaeng" in self.cmdline() and self.ready_lines() >= 2
                    and list(self.runtime.glob("donghaeng/*.sock"))):
                return
            time.sleep(0.05)
        raise AssertionError("no relaunch: " + repr(self.cmdline()))

    def cmdline(self) -> bytes:
        return Path(f"/proc/{self.pid}/cmdline").read_bytes()

    def environ(self) -> dict[str, str]:
        raw = Path(f"/proc/{self.pid}/environ").read_bytes().split(b"\0")
        return dict(e.decode().split("=", 1) for e in raw if b"=" in e)

    def fds(self) -> dict[int, str]:
        fd_dir = Path(f"/proc/{self.pid}/fd")
        out = {}
        for p in fd_dir.iterdir():
            try:
                out[int(p.name)] = os.readlink(p)
            except OSError:
                pass
        return out

    def stderr(self) -> str:
        self.kill()
        assert self.proc.stderr is not None
        return self.proc.stderr.read()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def app(tmp_path, home, runtime):
    code, record_id, key = _vault_with_canary(home)
    made = App(tmp_path, home, code, record_id, runtime)
    made.key = key
    yield made
    made.kill()


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}


@pytest.mark.parametrize("how", ["lock", "idle", "oslock", "panic", "esc"])
def test_lock_replaces_the_process_and_leaves_nothing(app, home, tmp_path, how):
    needles = _needles(app.key)
    assert memscan.readable(app.pid), "cannot read /proc/PID/mem (needs CAP_SYS_PTRACE)"
    before, _ = memscan.count(app.pid, needles)
    # Positive control: the scan sees the unlocked, non-dumpable process's secrets.
    assert before["canary utf-16-le"] > 0 and before["data key (raw)"] > 0, before
    fds_before = app.fds()
    app.send(how)
    app.wait_relaunched()
    after, scanned = memscan.count(app.pid, needles)
    assert scanned > 50 << 20  # the whole new image was read, Qt and Python included
    assert _nonzero(after) == {}, after
    env = app.environ()
    assert "DONGHAENG_PASSPHRASE" not in env
    handed = json.loads(env["DONGHAENG_RELAUNCH"])
    assert handed == {"worker": WORKER, "minimized": how in ("panic", "esc")}
    argv = app.cmdline().split(b"\0")
    assert argv[argv.index(b"--lang") + 1] == b"en"
    assert argv[argv.index(b"--home") + 1] == str(home.absolute()).encode()
    # Nothing of the old process is open: the descriptors are those of a fresh start
    # (stdin/out/err, Qt's eventfds, the signal pipe, the single-instance socket), and none
    # names a file (the vault's database, WAL, lock file).
    assert len(list(app.runtime.glob("donghaeng/*.sock"))) == 1  # it serves the home again
    kinds = _fd_kinds(app.fds())
    assert not [k for k in kinds if k.startswith("/")], kinds
    if how == "lock":
        assert kinds == _fresh_start_fd_kinds(tmp_path), kinds
    assert len(fds_before) > len(kinds)


def _fd_kinds(fds: dict[int, str]) -> list[str]:
    """What each descriptor above stderr is, without inode numbers."""
    return sorted(t.split(":[")[0] for fd, t in fds.items() if fd > 2)


def _fresh_start_fd_kinds(tmp_path: Path) -> list[str]:
    other = tmp_path / "fresh"
    other.mkdir()
    _vault_with_canary(other / "home")
    runtime = Path(tempfile.mkdtemp(prefix="dh-", dir="/tmp"))
    ready = other / "ready.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env.update(QT_QPA_PLATFORM="offscreen", DONGHAENG_READY_FILE=str(ready),
               XDG_RUNTIME_DIR=str(runtime))
    proc = subprocess.Popen([sys.executable, "-m", "donghaeng", "--home", str(other / "home"),
                             "--lang", "en"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (ready.exists() and next(runtime.glob("*/*.sock"), None)):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        fd_dir = Path(f"/proc/{proc.pid}/fd")
        return _fd_kinds({int(p.name): os.readlink(p) for p in fd_dir.iterdir()})
    finally:
        proc.kill()
        proc.wait(10)
        shutil.rmtree(runtime, ignore_errors=True)


def test_quit_still_exits(app):
    app.send("quit")
    assert app.proc.wait(30) == 0
    assert app.ready_lines() == 1


# -- in process: the seam ------------------------------------------------------------------

def test_relaunch_comes_after_the_draft_is_saved_and_the_vault_locked(make_ctrl, vault_home,
                                                                      qtbot):
    from desktop.vault import Vault

    seen = []

    def fake_relaunch(state):
        # What the exec would carry, and the state of the vault at that moment.
        v = Vault.open(vault_home, WORKER, PASSPHRASE)
        try:
            drafts = [d.payload["values"].get("title") for d in v.list_drafts()]
        finally:
            v.lock()
        seen.append((state, ctrl.tasks.has_vault, drafts))

    ctrl = make_ctrl("en", relaunch=fake_relaunch)
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    from tests.ui.test_safety import _open_editor_with_text

    _open_editor_with_text(ctrl, qtbot, main, "typed before lock")
    ctrl.lock("manual")
    assert not ctrl.unlock_window.isEnabled()  # nothing typed there could be used
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    state, had_vault, drafts = seen[0]
    assert (state.home, state.lang, state.worker, state.minimized) == \
        (vault_home, "en", WORKER, False)
    assert not had_vault and drafts == ["typed before lock"]
    # The fake returned: an exec that failed leaves a usable, locked app.
    assert ctrl.unlock_window.isEnabled() and ctrl.main_window is None


def test_panic_relaunches_minimized_and_quit_never_relaunches(make_ctrl, vault_home, qtbot):
    seen = []
    ctrl = make_ctrl("en", relaunch=seen.append)
    unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ctrl.panic()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen[0].minimized
    unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ctrl.quit()
    qtbot.wait(200)
    assert len(seen) == 1


def test_the_handed_over_state_is_read_once(monkeypatch):
    from ui import relaunch

    state = relaunch.RelaunchState(Path("/h"), "ko", WORKER, True)
    env = relaunch.environment(state, {"DONGHAENG_PASSPHRASE": "x", "PATH": "/bin"})
    assert "DONGHAENG_PASSPHRASE" not in env and env["PATH"] == "/bin"
    monkeypatch.setenv(relaunch.RELAUNCH_ENV, env[relaunch.RELAUNCH_ENV])
    assert relaunch.take_state() == {"worker": WORKER, "minimized": True}
    assert relaunch.RELAUNCH_ENV not in os.environ and relaunch.take_state() == {}
    argv = relaunch.command(state)
    assert argv[0] == sys.executable
    assert argv[-6:] == ["-m", "donghaeng", "--home", "/h", "--lang", "ko"]

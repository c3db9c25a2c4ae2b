"""The app as a separate process: SIGKILL loses at most the last few seconds of typing (the
draft is in the vault), and SIGTERM quits cleanly (draft saved, vault locked)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from crypto.kdf import CHEAP
from desktop.vault import Vault
from tests.ui.helpers import PASSPHRASE, WORKER
from ui.record_editor import AUTOSAVE_MS

ROOT = Path(__file__).resolve().parents[2]


def _child(home: Path, code: str, text: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.Popen([sys.executable, "-m", "tests.ui.crash_child", str(home), code, text],
                            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write(PASSPHRASE + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip() == "TYPED":
            return proc
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError("child never typed: " + proc.stderr.read()[-2000:])


def _drafts(home: Path) -> list:
    v = Vault.open(home, WORKER, PASSPHRASE)
    try:
        return v.list_drafts()
    finally:
        v.lock()


def _home_with_case(home: Path) -> str:
    v = Vault.create(home, WORKER, PASSPHRASE, kdf=CHEAP)
    try:
        return v.create_case().code
    finally:
        v.lock()


def test_killed_app_keeps_the_draft(home):
    code = _home_with_case(home)
    proc = _child(home, code, "chat export on USB")
    try:
        # The promise: at most ~5 s of typing is lost. Kill once that time has passed.
        time.sleep(AUTOSAVE_MS / 1000 + 2.0)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    drafts = _drafts(home)
    assert len(drafts) == 1
    assert drafts[0].payload["values"]["title"] == "chat export on USB"
    assert drafts[0].payload["form"] == "evidence"
    assert drafts[0].case_code == code


def test_sigterm_saves_the_draft_and_quits(home):
    code = _home_with_case(home)
    proc = _child(home, code, "typed just now")
    # Well before the autosave timer: only the quit path can have saved it.
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
    drafts = _drafts(home)
    assert [d.payload["values"]["title"] for d in drafts] == ["typed just now"]

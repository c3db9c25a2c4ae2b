"""DONGHAENG_READY_FILE (the benchmarks' start-up mark): once the unlock window shows the
account list, one line `ready <monotonic seconds>` is appended, and nothing else: not the
account names, not a second line when the list is set again."""
from __future__ import annotations

import re
import time

import pytest

from tests.ui.helpers import WAIT_MS, WORKER
from ui import unlock_window


@pytest.fixture
def ready_file(tmp_path, monkeypatch):
    path = tmp_path / "ready.txt"
    monkeypatch.setenv(unlock_window.READY_ENV, str(path))
    monkeypatch.setattr(unlock_window, "_ready_reported", False)  # once per process
    return path


def test_one_ready_line_once_the_accounts_are_listed(make_ctrl, vault_home, ready_file,
                                                     qtbot):
    before = time.monotonic()
    ctrl = make_ctrl()
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: ready_file.exists() and ready_file.read_text().endswith("\n"),
                    timeout=WAIT_MS)
    assert w.isVisible() and w.account.findData(WORKER) >= 0
    text = ready_file.read_text(encoding="ascii")
    m = re.fullmatch(r"ready (\d+\.\d+)\n", text)
    assert m, text
    assert before <= float(m.group(1)) <= time.monotonic()
    w.set_workers([WORKER], WORKER)  # listed again: no second line
    qtbot.wait(50)
    assert ready_file.read_text(encoding="ascii") == text


def test_no_line_without_an_account(make_ctrl, home, ready_file, qtbot):
    ctrl = make_ctrl()
    qtbot.waitUntil(lambda: ctrl.first_run_window is not None, timeout=WAIT_MS)
    qtbot.wait(50)
    assert not ready_file.exists()

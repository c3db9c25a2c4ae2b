"""SIGKILL at random moments: every reported write survives and the vault checks clean.

The driver (crash_driver.py) runs in a fresh process and forks the writing children
itself; 170 + 50 = 220 kills in total, about a minute on 2 cores."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("crash_driver.py")


def _drive(home: Path, mode: str, kills: int, seed: int) -> dict:
    r = subprocess.run([sys.executable, str(DRIVER), str(home), mode, str(kills), str(seed)],
                       capture_output=True, text=True, timeout=170)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_random_writes_killed_at_random_moments(tmp_path):
    summary = _drive(tmp_path / "home", "mixed", 170, 20261125)
    assert summary["problems"] == []
    assert summary["kills"] == 170
    # The kills must have landed amid real work, not only before the first write.
    assert summary["records"] > 100 and summary["attachments"] > 20, summary


@pytest.mark.slow
def test_passphrase_change_killed_opens_with_old_or_new(tmp_path):
    summary = _drive(tmp_path / "home", "passwd", 50, 7)
    assert summary["problems"] == []
    assert summary["kills"] == 50 and summary["interrupted_changes"] >= 10, summary

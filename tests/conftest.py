"""Suite-wide setup: Qt offscreen before any QApplication, and every test in a private
home with its own temp/cache/data dirs so the no-plaintext scans see only our files."""
import os
import sys
from pathlib import Path

# Test helpers import as `tests.…` (import-mode=importlib keeps same-named test files apart).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DONGHAENG_PASSPHRASE", None)
os.environ.pop("DONGHAENG_NEW_PASSPHRASE", None)

import pytest  # noqa: E402


@pytest.fixture
def home(tmp_path):
    """A fresh Donghaeng home folder (0700)."""
    h = tmp_path / "home"
    h.mkdir(mode=0o700)
    return h

"""pytest-qt fixtures for the desktop app: a fresh home per test, vaults with cheap Argon2
parameters, a fake clock for the idle lock, the dialog seam reset between tests."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from crypto.kdf import CHEAP
from tests.ui.helpers import PASSPHRASE, WORKER
from ui import dialogs, i18n, translations_build
from ui.autolock import FakeClock


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    translations_build.compile_all()


@pytest.fixture(autouse=True)
def clean_dialogs():
    dialogs.clear()
    yield
    dialogs.clear()


@pytest.fixture
def lang(qapp):
    """`lang("en")` installs a UI language; the one before comes back after the test."""
    before = i18n.current()
    yield i18n.install
    i18n.install(before)


@pytest.fixture
def runtime():
    """XDG_RUNTIME_DIR for a child app: short, as a socket path must be (108 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="dh-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def make_ctrl(qtbot, home, clock):
    """AppController factory on the test's home (English unless asked)."""
    from ui.app import make_application
    from ui.app_controller import AppController

    made = []

    def factory(lang: str = "en", **kw):
        make_application()
        ctrl = AppController(home, lang=lang, kdf=CHEAP, clock=clock, **kw)
        made.append(ctrl)
        ctrl.start()
        return ctrl

    yield factory
    for ctrl in made:
        ctrl.shutdown()
        for w in (ctrl.main_window, ctrl.unlock_window, ctrl.first_run_window):
            if w is not None:
                w.close()
                w.deleteLater()


@pytest.fixture
def vault_home(home):
    """A home with one worker's vault (cheap KDF), locked."""
    from desktop.vault import Vault

    Vault.create(home, WORKER, PASSPHRASE, kdf=CHEAP).lock()
    return home

"""The worker-thread API: a result for a screen that was closed (deleted) while the work
ran is dropped instead of calling into deleted widgets."""
from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QComboBox

from tests.ui.helpers import WAIT_MS
from ui.tasks import VaultTasks


class _Screen(QComboBox):
    def __init__(self):
        super().__init__()
        self.got = []

    def show_result(self, value) -> None:
        self.got.append(value)
        self.addItem(str(value))  # would raise on a deleted widget


def test_result_for_a_deleted_screen_is_dropped(qtbot, vault_home):
    from desktop.vault import Vault
    from tests.ui.helpers import PASSPHRASE, WORKER

    tasks = VaultTasks()
    try:
        tasks.open_vault(lambda: Vault.open(vault_home, WORKER, PASSPHRASE))
        tasks.flush()
        alive, gone = _Screen(), _Screen()
        tasks.submit(lambda v: 1, alive.show_result)
        tasks.submit(lambda v: 2, gone.show_result)
        shiboken6.delete(gone)          # closed while the work is queued
        qtbot.waitUntil(lambda: alive.got == [1], timeout=WAIT_MS)
        tasks.flush()
        qtbot.wait(50)
        assert not shiboken6.isValid(gone)
        assert gone.got == []
    finally:
        tasks.lock_now()
        tasks.shutdown()

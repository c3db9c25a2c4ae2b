"""What the screens of an unlocked session share: the background-work API, who is signed
in, their settings, the secure clipboard, and the form registry (loaded on first use so the
unlock window never pays for it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ui.clipboard import SecureClipboard
from ui.preferences import WorkerSettings
from ui.tasks import VaultTasks


@dataclass
class Session:
    home: Path
    worker: str
    tasks: VaultTasks
    settings: WorkerSettings
    clipboard: SecureClipboard
    controller: Any = None  # AppController: language switch, lock, settings changes
    # The outreach bus's last stop (district, place): the next contact starts there.
    outreach_stop: dict = field(default_factory=dict)
    _registry: Any = field(default=None, repr=False)

    @property
    def registry(self):
        if self._registry is None:
            from forms import load_registry

            self._registry = load_registry()
        return self._registry

    def records(self, vault):
        """The one door for record changes, for an operation running on the worker."""
        from desktop.records_service import RecordsService

        return RecordsService(vault, self.registry)

    @property
    def changes(self):
        """The vault's change feed as a Qt signal (GUI thread): screens refresh from it."""
        return self.tasks.changes

    def submit(self, op, on_ok=None, on_err=None, *, key: str | None = None):
        return self.tasks.submit(op, on_ok, on_err, key=key)

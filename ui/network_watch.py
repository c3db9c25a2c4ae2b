"""Whether the network is metered (a phone hotspot), for background sync: large files wait
for an unmetered network unless the worker says go (ui/sync_runner.py).

Read from Qt's QNetworkInformation (its default backend: NetworkManager, GLib's network
monitor, …). Where no backend loads or none can tell metered from not (Linux without a
network service that reports it), the network counts as unmetered: files go as before,
and docs/ui.md says so.

The environment variable DONGHAENG_NETWORK=metered|unmetered (read once, at start) says it
instead of the system — a setting, for a system that cannot tell and for tests; `force()`
does the same in a running app."""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal

ENV = "DONGHAENG_NETWORK"


class NetworkWatch(QObject):
    changed = Signal(bool)  # metered now

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        forced = os.environ.get(ENV, "").strip().lower()
        self.forced: bool | None = {"metered": True, "unmetered": False}.get(forced)
        self.info = None
        if self.forced is None:
            self.info = _information()
            if self.info is not None:
                self.info.isMeteredChanged.connect(self._system_changed)

    @property
    def known(self) -> bool:
        """Whether anything tells metered from not (the system or the setting)."""
        return self.forced is not None or self.info is not None

    def metered(self) -> bool:
        if self.forced is not None:
            return self.forced
        return bool(self.info is not None and self.info.isMetered())

    def force(self, metered: bool | None) -> None:
        """Metered or not regardless of the system; None: the system's word again."""
        before = self.metered()
        self.forced = metered
        if metered is None and self.info is None:
            self.info = _information()
            if self.info is not None:
                self.info.isMeteredChanged.connect(self._system_changed)
        if self.metered() != before:
            self.changed.emit(self.metered())

    def _system_changed(self, _metered: bool) -> None:
        if self.forced is None:
            self.changed.emit(self.metered())


def _information():
    """The application's QNetworkInformation if a backend loads and reports metered
    networks, else None."""
    from PySide6.QtNetwork import QNetworkInformation

    info = QNetworkInformation.instance()
    if info is None:
        try:
            if not QNetworkInformation.loadDefaultBackend():
                return None
        except RuntimeError:
            return None
        info = QNetworkInformation.instance()
    if info is None or not info.supports(QNetworkInformation.Feature.Metered):
        return None
    return info

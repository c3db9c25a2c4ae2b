"""Keep record windows out of screenshots and screen sharing where the platform allows it.

Windows 10 2004+: SetWindowDisplayAffinity(WDA_EXCLUDEFROMCAPTURE) — the window shows as
empty in captures; older Windows: WDA_MONITOR (black). Linux (X11/Wayland) and macOS offer
no per-window exclusion a Qt app can set reliably; the limit is documented in docs/ui.md.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

WDA_MONITOR = 0x1
WDA_EXCLUDEFROMCAPTURE = 0x11


def exclude_from_capture(window) -> str:
    """Returns what was applied: "exclude", "monitor" or "unsupported"."""
    if sys.platform != "win32":
        return "unsupported"
    import ctypes

    hwnd = int(window.winId())
    user32 = ctypes.windll.user32
    if user32.SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE):
        return "exclude"
    if user32.SetWindowDisplayAffinity(hwnd, WDA_MONITOR):
        return "monitor"
    return "unsupported"


class CaptureGuard(QObject):
    """Application-wide event filter: every top-level window (main window, dialogs, image
    previews) gets the capture exclusion when it is first shown — each is its own native
    window on Windows, so excluding the main window alone would leave the dialogs visible.

    `apply` is the platform call (injectable so the wiring is testable off Windows)."""

    def __init__(self, parent: QObject | None = None, apply=exclude_from_capture):
        super().__init__(parent)
        self._apply = apply
        self.status = "exclude" if sys.platform == "win32" else "unsupported"

    @property
    def supported(self) -> bool:
        return self.status != "unsupported"

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            if not obj.property("donghaengCaptureGuarded"):
                obj.setProperty("donghaengCaptureGuarded", True)
                self.status = self._apply(obj)
        return False

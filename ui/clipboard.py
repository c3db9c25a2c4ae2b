"""Copying values: an `identifying` value goes to the clipboard with the hints clipboard
managers honour (KDE Klipper, Windows clipboard history/cloud, macOS pasteboard managers)
and is cleared after `SECRET_CLEAR_S` if it is still there."""
from __future__ import annotations

import atexit

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

SECRET_CLEAR_S = 30

_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    # Windows: keep out of clipboard history, cloud clipboard and monitoring tools.
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
    # macOS pasteboard managers (nspasteboard.org convention).
    "org.nspasteboard.ConcealedType": b"",
    "org.nspasteboard.TransientType": b"",
}


class SecureClipboard(QObject):
    def __init__(self, parent: QObject | None = None, clear_after_s: float = SECRET_CLEAR_S):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(clear_after_s * 1000))
        self._timer.timeout.connect(self.clear_if_ours)
        self._ours: str | None = None

    def copy(self, text: str, *, identifying: bool) -> None:
        if not identifying:
            QGuiApplication.clipboard().setText(text)
            return
        data = QMimeData()
        data.setText(text)
        for fmt, payload in _HINTS.items():
            data.setData(fmt, payload)
        QGuiApplication.clipboard().setMimeData(data)
        self._ours = text
        self._timer.start()

    def clear_if_ours(self) -> None:
        cb = QGuiApplication.clipboard()
        if self._ours is not None and cb.text() == self._ours:
            cb.clear()
        self._ours = None

    def pending(self) -> bool:
        return self._timer.isActive()


@atexit.register
def _clear_at_exit() -> None:
    """An identifying value never outlives the app on the clipboard. (Also avoids a crash
    of the pinned PySide6, which frees clipboard mime data twice at interpreter exit.)"""
    app = QGuiApplication.instance()
    if app is None:
        return
    cb = QGuiApplication.clipboard()
    data = cb.mimeData()
    if data is not None and data.hasFormat("x-kde-passwordManagerHint"):
        cb.clear()

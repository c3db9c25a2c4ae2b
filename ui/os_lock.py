"""Lock when the operating system locks the screen or goes to sleep: a small interface with
one backend per platform and a fallback that reports nothing (idle auto-lock still works).

- Linux: D-Bus through QtDBus (part of PySide6-Essentials): logind `PrepareForSleep(true)`
  on the system bus; `ActiveChanged(true)` of org.freedesktop.ScreenSaver (KDE, most
  desktops) and org.gnome.ScreenSaver on the session bus; logind's session `Lock` signal.
- Windows: WTSRegisterSessionNotification (WM_WTSSESSION_CHANGE / WTS_SESSION_LOCK) and
  WM_POWERBROADCAST / PBT_APMSUSPEND via a native event filter.
- macOS: not wired (NSWorkspace notifications need PyObjC, which we do not ship); the idle
  lock and the panic key are the protection there — see docs/ui.md.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Signal, Slot

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0


class OsLockWatcher(QObject):
    """`os_locked(reason)` when the platform reports a screen lock or suspend."""

    os_locked = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.backends: list[str] = []
        self._native_filter = None

    def start(self, window=None) -> list[str]:
        if sys.platform.startswith("linux"):
            self.backends = self._start_dbus()
        elif sys.platform == "win32" and window is not None:
            self.backends = self._start_windows(window)
        return self.backends

    # -- Linux -------------------------------------------------------------------------
    def _start_dbus(self) -> list[str]:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return []
        found = []
        system = QDBusConnection.systemBus()
        if system.isConnected() and system.connect(
                "org.freedesktop.login1", "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager", "PrepareForSleep", self,
                SLOT("on_prepare_for_sleep(bool)")):
            found.append("logind-sleep")
        if system.isConnected() and system.connect(
                "org.freedesktop.login1", "", "org.freedesktop.login1.Session", "Lock", self,
                SLOT("on_session_lock()")):
            found.append("logind-lock")
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                                  ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
                # An empty service matches the signal from any sender: screensavers often
                # emit from a unique bus name rather than the well-known one.
                if session.connect("", path, service, "ActiveChanged", self,
                                   SLOT("on_screensaver_active(bool)")):
                    found.append(service)
        return found

    @Slot(bool)
    def on_prepare_for_sleep(self, going_down: bool) -> None:
        if going_down:
            self.os_locked.emit("sleep")

    @Slot()
    def on_session_lock(self) -> None:
        self.os_locked.emit("session-lock")

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.os_locked.emit("screensaver")

    # -- Windows -----------------------------------------------------------------------
    def _start_windows(self, window) -> list[str]:
        import ctypes

        from PySide6.QtCore import QCoreApplication

        hwnd = int(window.winId())
        try:
            ok = ctypes.windll.wtsapi32.WTSRegisterSessionNotification(
                hwnd, NOTIFY_FOR_THIS_SESSION)
        except (AttributeError, OSError):
            return []
        self._native_filter = _WindowsFilter(self)
        QCoreApplication.instance().installNativeEventFilter(self._native_filter)
        return ["wts-session"] if ok else ["power"]


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: OsLockWatcher):
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, event_type, message):  # noqa: N802 (Qt API)
        if event_type not in (b"windows_generic_MSG", "windows_generic_MSG"):
            return False, 0
        import ctypes.wintypes

        msg = ctypes.wintypes.MSG.from_address(int(message))
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
            self._watcher.os_locked.emit("session-lock")
        elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            self._watcher.os_locked.emit("sleep")
        return False, 0

"""Auto-lock after idle, from an application-wide event filter, with an injectable clock
(KeePassXC's pattern) so tests advance time instead of sleeping.

Also the panic gestures: Ctrl+Shift+L anywhere, or Esc twice within `DOUBLE_ESC_S` —
counting only an Esc that nothing else took (closing a drop-down, a calendar or a dialog is
what that Esc was for).

The `Qt` namespace is imported inside the key handler, never at import or start-up: its
first use builds every enum of it (15-30 ms of the start benchmark), and the handler runs
only once a session is unlocked.
"""
from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

DEFAULT_IDLE_MINUTES = 5
DOUBLE_ESC_S = 0.6

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.InputMethod, QEvent.Type.TabletPress,
}


class Clock(Protocol):
    def now(self) -> float: ...


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """For tests: time moves only when told to."""

    def __init__(self, start: float = 1000.0):
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class IdleLock(QObject):
    """Emits `idle_timeout` once the app has seen no input for the limit while armed, and
    `panic` on the panic gestures. It watches the application's events only while armed
    (an unlocked session): an application-wide Python filter makes PySide6 build a Python
    type, with all its enums, for every kind of object an event passes — ~50 ms before the
    unlock window could show, for a window that has nothing to lock."""

    idle_timeout = Signal()
    panic = Signal()

    def __init__(self, clock: Clock | None = None, minutes: float = DEFAULT_IDLE_MINUTES,
                 check_ms: int = 1000, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock or MonotonicClock()
        self.limit_s = minutes * 60.0
        self.armed = False
        self._last = self.clock.now()
        self._last_esc = -1e9
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    def set_minutes(self, minutes: float) -> None:
        self.limit_s = max(0.5, float(minutes)) * 60.0

    def arm(self) -> None:
        self.armed = True
        self.touch()
        self._timer.start()
        QApplication.instance().installEventFilter(self)

    def disarm(self) -> None:
        self.armed = False
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def touch(self) -> None:
        self._last = self.clock.now()

    def idle_seconds(self) -> float:
        return self.clock.now() - self._last

    def check(self) -> bool:
        """Fire if idle past the limit. Called by the timer, and by tests directly."""
        if self.armed and self.idle_seconds() >= self.limit_s:
            self.disarm()
            self.idle_timeout.emit()
            return True
        return False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        etype = event.type()
        if etype in _ACTIVITY:
            self._last = self.clock.now()
            if etype == QEvent.Type.KeyPress and self.armed and self._is_panic(obj, event):
                self.panic.emit()
                return True
        return False

    def _is_panic(self, obj, event) -> bool:
        from PySide6.QtCore import Qt  # not at import: see the module's docstring

        if event.isAutoRepeat():
            return False
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_L:
            ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            return (mods & ctrl_shift) == ctrl_shift and _first_delivery(obj)
        if key == Qt.Key.Key_Escape and _unclaimed(obj, Qt):
            now = self.clock.now()
            double = now - self._last_esc <= DOUBLE_ESC_S
            self._last_esc = -1e9 if double else now
            return double
        return False


def _first_delivery(obj) -> bool:
    """A key press reaches the application filter once per hop (window, focus widget, each
    parent it propagates to); count it only at the focus widget so one press is one press."""
    if not obj.isWidgetType():
        return False
    focus = QApplication.focusWidget()
    return obj is focus if focus is not None else obj.isWindow()


def _unclaimed(obj, qt) -> bool:
    """True at the hop where an Esc reaches an ordinary top-level window: Qt passes a key
    press from the focus widget up its parents until one accepts it, so arriving at the
    window means no widget inside took it. A drop-down or calendar is its own popup window
    (which closes on that Esc) and a dialog closes on it: those never count."""
    if not obj.isWidgetType() or not obj.isWindow():
        return False
    if obj.windowType() in (qt.WindowType.Popup, qt.WindowType.ToolTip):
        return False
    return not isinstance(obj, QDialog)

"""The main window's size and place: fitted to the screen it opens on (a 1366×768 laptop
used to get a 1200×800 window with the Save buttons below the screen's edge), and
remembered per worker — in the worker's settings, inside their vault, since where a worker
keeps the window says nothing to anyone else and the unlock screen does not need it.

Sizes here are Qt's device-independent pixels: at 200 % (device pixel ratio 2) a
2732×1536 panel is a 1366×768 screen to this code, and gets the same window."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication

PREFERRED = QSize(1200, 800)
# The window manager's title bar and borders are not known before the first show: leave
# room for them so the frame, not only the client area, fits.
FRAME_ALLOWANCE = QSize(16, 40)
SAVE_DELAY_MS = 1500  # a drag or resize is saved once it settles, not per pixel


def _screen_for(saved: dict | None):
    screens = QGuiApplication.screens()
    if saved and saved.get("screen"):
        for s in screens:
            if s.name() == saved["screen"]:
                return s
    return QGuiApplication.primaryScreen()


def fitted_rect(avail: QRect, saved: dict | None) -> QRect:
    """Client-area geometry: the saved one if it still lands on this screen (clamped to
    it), else the preferred size shrunk to fit, centred."""
    room = QSize(avail.width() - FRAME_ALLOWANCE.width(),
                 avail.height() - FRAME_ALLOWANCE.height())
    if saved:
        rect = QRect(int(saved["x"]), int(saved["y"]), int(saved["w"]), int(saved["h"]))
        rect.setSize(rect.size().boundedTo(room))
        if avail.intersected(rect).width() * avail.intersected(rect).height() \
                >= rect.width() * rect.height() // 2:
            # Mostly visible: keep the place, pulled fully inside the screen.
            x = min(max(rect.x(), avail.left()), avail.right() + 1 - rect.width())
            y = min(max(rect.y(), avail.top() + FRAME_ALLOWANCE.height() - 8),
                    avail.bottom() + 1 - rect.height())
            return QRect(x, y, rect.width(), rect.height())
    size = PREFERRED.boundedTo(room)
    x = avail.x() + (avail.width() - size.width()) // 2
    y = avail.y() + max(FRAME_ALLOWANCE.height() - 8,
                        (avail.height() - size.height()) // 2)
    return QRect(x, y, size.width(), size.height())


def place(window, saved: dict | None) -> None:
    """Before the first show."""
    screen = _screen_for(saved)
    avail = screen.availableGeometry()
    # Whatever the pages' minimum sizes add up to, the window may not outgrow the screen:
    # the pages scroll instead (the form's buttons sit outside its scroll area).
    window.setMaximumSize(16777215, 16777215)
    window.setGeometry(fitted_rect(avail, saved))
    if saved and saved.get("max"):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def snapshot(window) -> dict:
    """What to remember: the normal (not maximized) geometry, maximized or not, and which
    screen by name."""
    g = window.normalGeometry() if window.isMaximized() else window.geometry()
    if not g.isValid():
        g = window.geometry()
    screen = window.screen()
    return {"x": g.x(), "y": g.y(), "w": g.width(), "h": g.height(),
            "max": bool(window.isMaximized()), "screen": screen.name() if screen else ""}


class GeometryKeeper:
    """Saves the window's geometry into the worker's settings once a move or resize has
    settled (and on lock), through the worker thread like every vault write."""

    def __init__(self, window, session):
        self.window, self.session = window, session
        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        self.armed = False  # the first placement is not the worker's choice: not saved

    def changed(self) -> None:
        if self.armed:
            self.timer.start()

    def save(self) -> None:
        self.timer.stop()
        now = snapshot(self.window)
        settings = self.session.settings
        if now == settings.window:
            return
        settings.window = now
        self.session.submit(settings.save, on_err=lambda exc: None)

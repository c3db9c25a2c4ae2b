"""The desktop application's entry point: `ui.app.main(home, lang=..., worker=...)`.

Shows the unlock window (or the first-run window on a fresh home) and runs until the last
window closes or SIGTERM/SIGINT arrives; both quit cleanly: the open draft is saved and the
vault locked before the process exits. A lock (idle, OS lock, panic, Ctrl+L) does not quit:
it replaces the process with a fresh one showing the unlock window (ui/relaunch.py). A copy
started on a home that another copy already serves brings that one to the front and exits
(ui/single_instance.py).
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

# Not `Qt` (the namespace): PySide6 builds its hundreds of enums on first access, 15-30 ms
# that the start-up to the unlock window does not need.
from PySide6.QtCore import QSocketNotifier, QTimer, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

APP_ID = "donghaeng"

# The controller of the running main(): for in-process tools (self-test, crash tests).
running = None


_QUIET = ("does not support propagateSizeHints", "does not support raise()")


def _qt_messages(mode, context, message: str) -> None:
    # The offscreen platform (self-test, screenshots, CI) reports what it cannot do for
    # every window; those notices are noise. Everything else goes to stderr as usual.
    if any(q in message for q in _QUIET):
        return
    sys.stderr.write(message + "\n")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_messages)
        # Fractional scaling (125 %, 150 %) needs the PassThrough rounding policy, Qt 6's
        # default: not set here, so that QT_SCALE_FACTOR_ROUNDING_POLICY can still override.
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Donghaeng")
    app.setApplicationDisplayName("동행 Donghaeng")
    app.setDesktopFileName(APP_ID)
    icon = _icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def _icon() -> QIcon | None:
    here = Path(__file__).resolve().parent
    for candidate in (here / "icons" / "donghaeng.png",
                      here.parent / "packaging" / "icons" / "donghaeng-256.png"):
        if candidate.exists():
            return QIcon(str(candidate))
    return None


class _SignalBridge:
    """Turn SIGTERM/SIGINT into a call on the GUI thread: Python runs signal handlers only
    between bytecodes, so the write end of a pipe (a socket pair on Windows, where the
    wakeup fd must be a socket) wakes Qt's event loop."""

    def __init__(self, on_signal):
        if sys.platform == "win32":
            import socket  # only here: the import costs start-up time everywhere else

            self._socks = socket.socketpair()
            for sock in self._socks:
                sock.setblocking(False)
            self._read, self._write = (sock.fileno() for sock in self._socks)
        else:
            self._socks = None
            self._read, self._write = os.pipe()
            os.set_blocking(self._read, False)
            os.set_blocking(self._write, False)
        self._old_fd = signal.set_wakeup_fd(self._write)
        self._old = {}
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._old[sig] = signal.signal(sig, lambda *_: None)
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        self._on_signal = on_signal

    def _drain(self, *_):
        try:
            if self._socks:
                self._socks[0].recv(64)
            else:
                os.read(self._read, 64)
        except OSError:
            pass
        self._on_signal()

    def close(self):
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._old_fd)
        for sig, handler in self._old.items():
            signal.signal(sig, handler)
        if self._socks:
            for sock in self._socks:
                sock.close()
        else:
            os.close(self._read)
            os.close(self._write)


def main(home: Path, *, lang: str | None = None, worker: str | None = None) -> int:
    # The GUI never takes a passphrase from the environment (the CLI contract).
    os.environ.pop("DONGHAENG_PASSPHRASE", None)
    os.environ.pop("DONGHAENG_NEW_PASSPHRASE", None)
    from ui import relaunch, single_instance

    handed = relaunch.take_state()  # {} unless this process is a lock's fresh start
    worker = worker or handed.get("worker")
    answer = single_instance.ask_running(home, worker)
    if answer is not None:  # another copy serves this home: it came to the front
        from ui.app_prefs import load_app_prefs

        lang_ = lang or load_app_prefs(Path(home)).get("lang") or "ko"
        kind = "raised" if answer else "silent"
        sys.stderr.write(single_instance.MESSAGES[kind]["en" if lang_ == "en" else "ko"] + "\n")
        return 0 if answer else 1
    app = make_application()
    from ui.app_controller import AppController

    global running
    controller = AppController(Path(home), lang=lang, worker=worker,
                               relaunch=relaunch.exec_fresh)
    running = controller
    bridge = _SignalBridge(controller.quit)
    app.aboutToQuit.connect(controller.shutdown)
    server = single_instance.InstanceServer(Path(home), controller.bring_to_front)

    def serve() -> None:
        if not server.listen():  # another copy started at the same moment and won
            single_instance.ask_running(home, worker)
            controller.quit()

    controller.start(minimized=bool(handed.get("minimized")))
    # After the first paint: `socket` and `fcntl` are not worth loading before it.
    QTimer.singleShot(0, serve)
    try:
        rc = app.exec()
    finally:
        server.close()
        controller.shutdown()
        bridge.close()
        running = None
    return int(rc)

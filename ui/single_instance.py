"""One app per home: a second copy started on the same home brings the first to the front
and exits, instead of opening a second window on the same vaults. The CLI is not concerned
(it still works alongside the app, as the vault's own locking allows).

The first copy listens on a Unix socket named after the home: `i-<24 hex of
SHA-256(absolute home path)>.sock` in a folder only this user can enter (0700,
`$XDG_RUNTIME_DIR/donghaeng`, else `<tmp>/donghaeng-<uid>`, else `/tmp/donghaeng-<uid>`
when the others make too long a socket path; a folder with other modes or another owner is
not used). A second copy connects, sends one JSON line `{"worker": …}` and
gets back one line naming the window now in front. A socket file left by a killed app (or
by the exec of a lock, ui/relaunch.py) refuses connections: it is stale and is replaced,
under a flock so that two copies starting together do not both replace it.

Per home rather than per worker: an app started without `--worker` can open any of the
home's vaults, so two copies on one home could open the same vault. A copy asked for
another worker hands the name to the first, whose unlock window preselects it.

Python's `socket` rather than QLocalServer: QtNetwork is not in the frozen bundle
(packaging/bundle_contents.py) and costs 11-25 ms to import. Windows (no AF_UNIX in
Python 3.11) is not wired: there, a second copy opens a second window, as before.

Before the first window only a `stat` of the socket path runs unless the file exists
(`socket` loads then); the server is made after the first paint.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSocketNotifier

MAX_MESSAGE = 4096
CONNECT_TIMEOUT_S = 2.0
ANSWER_TIMEOUT_S = 5.0  # the first copy's GUI thread may be busy (a lock saving a draft)
SERVE_TIMEOUT_S = 0.5   # how long the first copy waits for a connected peer's line

MESSAGES = {
    "raised": {"ko": "동행이 이미 열려 있어 그 창을 앞으로 가져왔습니다.",
               "en": "Donghaeng is already open: its window was brought to the front."},
    "silent": {"ko": "이 폴더의 동행이 이미 실행 중이지만 응답하지 않습니다. 두 번째 창은 열지 않습니다.",
               "en": "Donghaeng is already running on this folder but does not answer; "
                     "no second window is opened."},
}


def _sha256_hex(data: bytes) -> str:
    # hashlib loads OpenSSL (~5 ms) before the first window; its built-in fallback
    # module computes the same digest in a fraction of that.
    import importlib

    try:
        return importlib.import_module("_sha256").sha256(data).hexdigest()
    except ImportError:
        import hashlib

        return hashlib.sha256(data).hexdigest()


def _candidates() -> list[Path]:
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    found = [Path(xdg) / "donghaeng"] if xdg and os.path.isdir(xdg) else []
    found.append(Path(tempfile.gettempdir()) / f"donghaeng-{os.getuid()}")
    # A socket's path must fit in sun_path (104-108 bytes): a long runtime folder falls
    # back to the short one.
    found.append(Path("/tmp") / f"donghaeng-{os.getuid()}")
    return found


def _private_folder(base: Path) -> Path | None:
    """`base` made 0700; None if it is not safely ours."""
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(base)
    except OSError:
        return None
    import stat

    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None  # planted by someone else, or opened up: never talk through it
    return base


def socket_path(home: Path) -> Path | None:
    if sys.platform == "win32":
        return None
    digest = _sha256_hex(os.fsencode(os.path.abspath(os.path.expanduser(home))))
    name = f"i-{digest[:24]}.sock"
    for base in _candidates():
        if len(os.fsencode(base / name)) >= 100:
            continue
        folder = _private_folder(base)
        if folder is not None:
            return folder / name
    return None


def ask_running(home: Path, worker: str | None) -> str | None:
    """If a copy of the app serves this home, ask it to come to the front: its answer
    (the window in front), "" if it did not answer; None if no copy runs."""
    path = socket_path(home)
    if path is None or not path.exists():
        return None
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(CONNECT_TIMEOUT_S)
        try:
            s.connect(str(path))
        except OSError:
            return None  # stale: nobody listens (killed, or replaced by a lock's exec)
        try:
            s.settimeout(ANSWER_TIMEOUT_S)
            s.sendall(json.dumps({"worker": worker}).encode() + b"\n")
            answer = s.recv(256)
        except OSError:
            return ""
    return answer.decode("ascii", "replace").strip()


class InstanceServer:
    """The first copy's side: answers each connection with `on_request(worker)`. A plain
    class: a QObject subclass costs ~2 ms to define, before the first window."""

    def __init__(self, home: Path, on_request: Callable[[str | None], str]):
        self.home = Path(home)
        self.on_request = on_request
        self.path: Path | None = None
        self._sock = None
        self._ino: int | None = None
        self._notifier: QSocketNotifier | None = None

    def listen(self) -> bool:
        """Serve this home. False if another copy already does (two started together);
        True otherwise, also when single-instance is unavailable here."""
        path = socket_path(self.home)
        if path is None:
            return True
        import fcntl
        import socket

        lock_fd = os.open(str(path.with_suffix(".lock")),
                          os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX)
            if ask_running(self.home, None) is not None:
                return False
            try:
                path.unlink()  # stale
            except FileNotFoundError:
                pass
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.bind(str(path))
                os.chmod(path, 0o600)
                sock.listen(4)
            except OSError:
                sock.close()
                return True  # cannot serve: start anyway, as without this feature
            sock.setblocking(False)
            self._sock, self.path, self._ino = sock, path, os.stat(path).st_ino
        finally:
            os.close(lock_fd)  # closing drops the flock
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._accept)
        return True

    def _accept(self, *_args) -> None:
        if self._sock is None:
            return
        try:
            conn, _ = self._sock.accept()
        except OSError:
            return
        with conn:
            try:
                conn.settimeout(SERVE_TIMEOUT_S)
                data = b""
                while b"\n" not in data and len(data) < MAX_MESSAGE:
                    chunk = conn.recv(MAX_MESSAGE)
                    if not chunk:
                        break
                    data += chunk
                request = json.loads(data.split(b"\n", 1)[0] or b"{}")
                worker = request.get("worker") if isinstance(request, dict) else None
                which = self.on_request(worker if isinstance(worker, str) else None)
                conn.sendall(which.encode("ascii", "replace") + b"\n")
            except (OSError, ValueError):
                pass  # a peer that says nothing useful gets nothing

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            try:  # only our own file: a newer copy may have replaced it
                if self.path is not None and os.stat(self.path).st_ino == self._ino:
                    self.path.unlink()
            except OSError:
                pass

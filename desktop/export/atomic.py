"""Atomic file output: killed at any instant, the target is absent, old, or complete.

The bytes go to a temporary file in the target folder (same file system, so the final
rename is atomic), are fsynced, renamed over the target, and the folder is fsynced.
On Linux the temporary file is unnamed (O_TMPFILE): a killed export leaves nothing behind,
not even a partial file. Elsewhere it is a hidden `.NAME.PID.part`; a later write of the
same name removes leftovers whose process is gone.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from desktop.export.errors import ExportError

CHUNK = 8 << 20


def _unwritable(folder: Path, exc: OSError) -> ExportError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return ExportError(f"저장 공간이 부족합니다: {folder}", f"no space left on {folder}")
    return ExportError(f"대상 폴더에 쓸 수 없습니다: {folder} ({reason})",
                       f"cannot write to the target folder: {folder} ({reason})")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_stale(folder: Path, name: str) -> None:
    for p in folder.glob(f".{name}.*.part"):
        parts = p.name[len(name) + 2:].split(".")
        if parts and parts[0].isdigit() and not _pid_alive(int(parts[0])):
            with contextlib.suppress(OSError):
                p.unlink()


def _write_all(fd: int, data) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view[:CHUNK])
        view = view[n:]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _named_temp(folder: Path, name: str) -> Path:
    return folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.part"


def check_target(path: Path) -> None:
    """Refuse a target that exists and is not a regular file. The rename would replace a
    device node (`/dev/full`), a FIFO or a socket with the PDF, and exit 0 as if written;
    a folder cannot be replaced at all. A symbolic link counts as what it points to."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _unwritable(Path(path).parent, exc) from None
    if not stat.S_ISREG(st.st_mode):
        kind_ko, kind_en = (("폴더", "a folder") if stat.S_ISDIR(st.st_mode) else
                            ("장치 파일", "a device") if stat.S_ISCHR(st.st_mode)
                            or stat.S_ISBLK(st.st_mode) else
                            ("파이프(FIFO)", "a pipe (FIFO)") if stat.S_ISFIFO(st.st_mode)
                            else ("특수 파일", "a special file"))
        raise ExportError(f"대상이 일반 파일이 아닙니다 ({kind_ko}): {path}",
                          f"the target is not a regular file ({kind_en}): {path}")


def write_atomic(path: Path, data, mode: int = 0o600) -> Path:
    """Write `data` (bytes-like) to `path` atomically; raises ExportError on failure."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"대상 폴더가 없습니다: {folder}", f"no such folder: {folder}")
    check_target(path)
    try:
        _remove_stale(folder, path.name)
        if hasattr(os, "O_TMPFILE"):
            try:
                return _via_unnamed(folder, path, data, mode)
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL,
                                     errno.ENOENT, errno.EXDEV):
                    raise
        return _via_named(folder, path, data, mode)
    except OSError as exc:
        raise _unwritable(folder, exc) from None


def _via_unnamed(folder: Path, path: Path, data, mode: int) -> Path:
    fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, mode)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        source = f"/proc/self/fd/{fd}"
        try:
            os.link(source, path, follow_symlinks=True)   # target absent: done, atomically
        except FileExistsError:
            tmp = _named_temp(folder, path.name)
            os.link(source, tmp, follow_symlinks=True)
            try:
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise
    finally:
        os.close(fd)
    _fsync_dir(folder)
    return path


def _via_named(folder: Path, path: Path, data, mode: int) -> Path:
    tmp = _named_temp(folder, path.name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)
    return path

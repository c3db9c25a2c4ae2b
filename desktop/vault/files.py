"""File-system steps the vault relies on: atomic replace, private modes, advisory locks."""
from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path

from desktop.vault.errors import DiskFull, VaultError

DIR_MODE = 0o700
FILE_MODE = 0o600
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=False, exist_ok=True)
    os.chmod(path, DIR_MODE)


def tighten_modes(folder: Path) -> None:
    """Folders 0700, files 0600 (a vault copied with cp or checked out by git is not)."""
    for p in [folder, *folder.rglob("*")]:
        want = DIR_MODE if p.is_dir() else FILE_MODE
        if not p.is_symlink() and (p.stat().st_mode & 0o777) != want:
            os.chmod(p, want)


def write_new(path: Path, data: bytes) -> None:
    """Create `path` (0600, must not exist) with `data`, durably."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any instant leaves the old or the new
    content: temp file in the same folder, fsync, rename over, fsync the folder."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(4)}")
    try:
        write_new(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def translate_os_error(exc: OSError) -> VaultError:
    if exc.errno in _FULL:
        return DiskFull()
    # Name the file: "file operation failed" alone leaves the worker nothing to fix.
    names = [str(n) for n in (exc.filename, exc.filename2) if n]
    where = f": {' → '.join(names)}" if names else ""
    detail = exc.strerror or type(exc).__name__
    return VaultError(f"파일을 쓰거나 읽지 못했습니다{where} ({detail})",
                      f"file operation failed{where} ({detail})")


@contextmanager
def flocked(path: Path, exclusive: bool = True, blocking: bool = True):
    """An advisory lock on `path` (created 0600 if missing) held for the block; it dies
    with the process, so a killed process never leaves a stale lock."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        flags = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        if not blocking:
            flags |= fcntl.LOCK_NB
        fcntl.flock(fd, flags)
        yield fd
    finally:
        os.close(fd)


def try_lock_fd(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def remove_stale_temp_dirs(parent: Path, prefixes: tuple[str, ...]) -> None:
    """Delete half-made folders (from a crashed create or restore) that nobody holds."""
    if not parent.is_dir():
        return
    for child in parent.iterdir():
        if not child.name.startswith(prefixes) or not child.is_dir():
            continue
        lock = child / "lock"
        try:
            fd = os.open(lock, os.O_RDONLY)
        except OSError:
            remove_tree(child)
            continue
        try:
            if try_lock_fd(fd):
                remove_tree(child)
        finally:
            os.close(fd)

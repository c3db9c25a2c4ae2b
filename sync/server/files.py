"""Durable file writes for the server's folders (the data folder and the KEYDIR).

The same steps as desktop/vault/files.py, which the server may not import: everything is
0600, a new file is fsynced before anything names it, a replaced one is replaced
atomically (temp file, fsync, rename, fsync the folder).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE_MODE = 0o600


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes) -> None:
    """Creates `path` (0600; refuses to replace anything) and makes it durable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def atomic_write(path: Path, data: bytes) -> None:
    """Replaces `path` with `data` (0600) so that a crash leaves the old or the new file."""
    tmp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(4)}")
    try:
        write_new(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)

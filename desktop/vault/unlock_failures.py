"""The `failed-unlocks` file: timestamps of failed unlocks in a row, and the throttle.

The file sits in the vault folder, exists from creation on (so a failure changes only
this file, not the folder), holds one ISO 8601 timestamp per line and nothing else. After
FREE_ATTEMPTS failures in a row, each further attempt must wait
    min(BASE_DELAY * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY)
seconds after the last failure; an attempt inside that window raises `Throttled` at once,
without running the KDF and without counting as a failure. A successful unlock folds the
timestamps into the audit log and empties the file.
"""
from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from desktop.vault.errors import Throttled
from desktop.vault.files import FILE_MODE
from desktop.vault.ids import now_iso, parse_iso

NAME = "failed-unlocks"
FREE_ATTEMPTS = 5
BASE_DELAY = 30.0
MAX_DELAY = 900.0


def read(path: Path) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    out = []
    for line in text.splitlines():
        try:
            parse_iso(line.strip())
        except ValueError:
            continue  # a torn last line after a crash
        out.append(line.strip())
    return out


def delay_for(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(BASE_DELAY * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY)


def check_throttle(failures: list[str]) -> None:
    wait = delay_for(len(failures))
    if not wait:
        return
    last = parse_iso(failures[-1])
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    remaining = wait - (datetime.now(UTC) - last).total_seconds()
    if remaining > 0:
        raise Throttled(remaining)


def record(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        os.write(fd, (now_iso() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def clear(path: Path) -> None:
    if Path(path).exists() and Path(path).stat().st_size:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

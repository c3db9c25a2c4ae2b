"""Atomic writes: the target is old or complete, never partial; failures say why in ko/en."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from desktop.export.atomic import write_atomic
from desktop.export.errors import ExportError


def test_writes_new_and_replaces_old(tmp_path):
    target = tmp_path / "A_20260305.pdf"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    assert (target.stat().st_mode & 0o777) == 0o600
    write_atomic(target, b"second version")
    assert target.read_bytes() == b"second version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A_20260305.pdf"]


def test_missing_folder(tmp_path):
    with pytest.raises(ExportError) as err:
        write_atomic(tmp_path / "nope" / "x.pdf", b"x")
    assert "대상 폴더가 없습니다" in err.value.message("ko")
    assert "no such folder" in err.value.message("en")


def _unwritable_folder(tmp_path):
    """A folder this process cannot create files in: a read-only permission folder, or
    (root ignores permissions) /proc, where nobody can create files."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        (folder / "x.pdf").write_bytes(b"old")
        folder.chmod(0o500)
        return folder
    return Path("/proc/self")


def test_unwritable_folder_keeps_old_file(tmp_path):
    folder = _unwritable_folder(tmp_path)
    before = (folder / "x.pdf").read_bytes() if (folder / "x.pdf").exists() else None
    try:
        with pytest.raises(ExportError) as err:
            write_atomic(folder / "x.pdf", b"new")
        assert "cannot write to the target folder" in err.value.message("en")
        assert "대상 폴더에 쓸 수 없습니다" in err.value.message("ko")
        after = (folder / "x.pdf").read_bytes() if (folder / "x.pdf").exists() else None
        assert after == before
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o700)


def test_full_disk_keeps_old_file(tmp_path):
    """/dev/full: every write fails with ENOSPC, like a full USB stick."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    from desktop.export import atomic

    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    real_open = os.open

    def open_full(path, flags, mode=0o777, **kw):  # every temp file is /dev/full
        return real_open("/dev/full", os.O_WRONLY)

    atomic_os_open = atomic.os.open
    atomic.os.open = open_full
    try:
        with pytest.raises(ExportError) as err:
            write_atomic(target, b"new" * 1000)
    finally:
        atomic.os.open = atomic_os_open
    assert "no space left" in err.value.message("en")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]


def test_stale_temp_of_dead_process_is_removed(tmp_path):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)                       # a pid that is certainly gone now
    stale = tmp_path / f".x.pdf.{pid}.abcd1234.part"
    stale.write_bytes(b"partial")
    live = tmp_path / f".x.pdf.{os.getpid()}.abcd1234.part"
    live.write_bytes(b"being written by us")
    write_atomic(tmp_path / "x.pdf", b"done")
    assert not stale.exists() and live.exists()


def test_killed_writer_leaves_old_or_complete(tmp_path):
    """SIGKILL a child that keeps rewriting the target; after each kill the target holds
    one complete version (fork: the child is ready at once, so 50 rounds stay fast)."""
    target = tmp_path / "x.pdf"
    versions = [bytes([65 + i]) * (3 << 20) for i in range(3)]    # 3 MB each
    write_atomic(target, versions[0])
    for round_ in range(50):
        pid = os.fork()
        if pid == 0:  # child: rewrite until killed
            try:
                n = 0
                while True:
                    write_atomic(target, versions[n % 3])
                    n += 1
            finally:
                os._exit(1)
        time.sleep(0.002 + (round_ % 10) * 0.004)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert target.read_bytes() in versions
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "x.pdf"]
    write_atomic(target, versions[0])        # the next write sweeps named leftovers
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"], leftovers

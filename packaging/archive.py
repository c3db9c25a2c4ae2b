"""The release archive and the file list, written so the same bundle gives the same bytes:
sorted entries, fixed mtime/uid/gid/modes, no gzip timestamp or name."""
from __future__ import annotations

import gzip
import os
import stat
import tarfile
from pathlib import Path


def bundle_entries(bundle: Path) -> list[Path]:
    """Every path under the bundle, sorted by its relative POSIX path."""
    found = [p for p in bundle.rglob("*")]
    return sorted(found, key=lambda p: p.relative_to(bundle).as_posix())


def write_file_list(bundle: Path, out: Path) -> None:
    """`<relative path>\\t<size>` per file (symlinks: `-> target`), sorted. Two builds from
    the same inputs must give the same list; build.py compares it with the last one."""
    lines = []
    for path in bundle_entries(bundle):
        rel = path.relative_to(bundle).as_posix()
        if path.is_symlink():
            lines.append(f"{rel}\t-> {os.readlink(path)}")
        elif path.is_file():
            lines.append(f"{rel}\t{path.stat().st_size}")
    _atomic_write(out, ("\n".join(lines) + "\n").encode())


def _normalised(info: tarfile.TarInfo, mtime: int) -> tarfile.TarInfo:
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if info.isdir() or (info.isfile() and info.mode & stat.S_IXUSR):
        info.mode = 0o755
    elif info.isfile():
        info.mode = 0o644
    return info


def write_tarball(bundle: Path, out: Path, top: str, mtime: int) -> None:
    """A .tar.gz of `bundle` with everything under `top/`."""
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime,
                          compresslevel=6) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar:
        tar.add(bundle, arcname=top, recursive=False,
                filter=lambda i: _normalised(i, mtime))
        for path in bundle_entries(bundle):
            arcname = f"{top}/{path.relative_to(bundle).as_posix()}"
            tar.add(path, arcname=arcname, recursive=False,
                    filter=lambda i: _normalised(i, mtime))
    os.replace(tmp, out)


def _atomic_write(out: Path, data: bytes) -> None:
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)

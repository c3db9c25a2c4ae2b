"""Count byte strings in another process's memory through /proc/PID/maps and /proc/PID/mem.

Reading /proc/PID/mem needs ptrace access to the process. The app makes itself
non-dumpable at the first unlock (PR_SET_DUMPABLE=0); the kernel then allows the read only
to a reader with CAP_SYS_PTRACE (root here has it), parent or not. A process started by
exec after a lock is dumpable again until its first unlock, so its parent (the test, same
user) may read it in any case. `readable()` says whether the read works at all, so a test
can fail with the reason instead of counting zero in memory it could not see.
"""
from __future__ import annotations

import os

CHUNK = 16 << 20


def encodings(text: str) -> dict[str, bytes]:
    return {"utf-8": text.encode("utf-8"), "utf-16-le": text.encode("utf-16-le"),
            "utf-32-le": text.encode("utf-32-le")}


def regions(pid: int) -> list[tuple[int, int, str, str]]:
    out = []
    with open(f"/proc/{pid}/maps") as fh:
        for line in fh:
            parts = line.split(maxsplit=5)
            start, end = (int(x, 16) for x in parts[0].split("-"))
            perms, path = parts[1], parts[5].strip() if len(parts) > 5 else ""
            out.append((start, end, perms, path))
    return out


def readable(pid: int) -> bool:
    fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    try:
        for start, _end, perms, path in regions(pid):
            if perms.startswith("r") and path == "[heap]":
                return len(os.pread(fd, 64, start)) == 64
        return False
    finally:
        os.close(fd)


def count(pid: int, needles: dict[str, bytes]) -> tuple[dict[str, int], int]:
    """Occurrences of each needle in every readable mapping (read-only file mappings, i.e.
    library code and fonts, included), and how many bytes were read."""
    counts = dict.fromkeys(needles, 0)
    overlap = max(len(n) for n in needles.values()) - 1
    total = 0
    fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    try:
        for start, end, perms, path in regions(pid):
            if not perms.startswith("r") or path in ("[vvar]", "[vvar_vclock]", "[vsyscall]"):
                continue
            pos, tail = start, b""
            while pos < end:
                try:
                    block = os.pread(fd, min(CHUNK, end - pos), pos)
                except OSError:
                    break  # e.g. a guard page or a device mapping
                if not block:
                    break
                total += len(block)
                data = tail + block
                for name, needle in needles.items():
                    # Only matches that end inside the new block: none is counted twice.
                    counts[name] += data.count(needle) - tail.count(needle)
                tail = data[-overlap:] if overlap else b""
                pos += len(block)
    finally:
        os.close(fd)
    return counts, total

"""Benchmarks of the built bundle (dist/donghaeng), rebuilt first if the sources are newer.

package.bundle_mb  the unpacked one-folder bundle, MB (10^6 bytes, file sizes)    <= 190
package.start_s    the built binary, process start to the unlock window shown,
                   offscreen, median of 9 warm runs                                <= 1.5

Start is measured with the app's own signal: with DONGHAENG_EXIT_WHEN_SHOWN=1, ui.app
exits right after its first window is shown, so start-to-exit bounds start-to-shown from
above. If the app ignores that variable (it keeps running), the bench falls back to an
outside observer: the binary on a private Xvfb, time until xwininfo sees the window.
"""
from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import median, metric

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "dist" / "donghaeng" / "donghaeng"
RUNS = 9


def _build() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--if-stale",
                           "--skip-archive"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"build failed: {proc.stderr[-2000:]}")


def bundle_mb() -> float:
    bundle = EXE.parent
    total = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() or p.is_symlink())
    return total / 1e6


def _home_with_vault(base: Path) -> Path:
    """A home with one vault, so the app starts at the unlock window (not first run)."""
    sys.path.insert(0, str(ROOT))
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    home = base / "home"
    home.mkdir(mode=0o700)
    Vault.create(home, "bench", "bench-passphrase-not-secret", kdf=CHEAP).lock()
    return home


def _env(base: Path, **extra) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(base / "cfg"), "XDG_CACHE_HOME": str(base / "cache"),
           "TMPDIR": str(base)}
    env.update(extra)
    return env


def _start_offscreen(home: Path, base: Path) -> float | None:
    """Seconds from spawn to exit with DONGHAENG_EXIT_WHEN_SHOWN=1; None if unsupported."""
    env = _env(base, QT_QPA_PLATFORM="offscreen", DONGHAENG_EXIT_WHEN_SHOWN="1")
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(EXE), "--home", str(home)], env=env, cwd=base,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rc = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait(timeout=10)
        return None
    elapsed = time.perf_counter() - t0
    if rc != 0:
        raise RuntimeError(f"the app exited with {rc} before showing its window")
    return elapsed


def _read_line(fd: int, timeout: float) -> str:
    data, deadline = b"", time.monotonic() + timeout
    while not data.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 32) if ready else b""
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


def _xvfb():
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             "1280x800x24", "-nolisten", "tcp"], pass_fds=[write_fd],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = _read_line(read_fd, 20)
    os.close(read_fd)  # only after the newline: Xvfb dies if it cannot write it
    if not number.isdigit():
        proc.kill()
        raise RuntimeError("Xvfb did not start")
    return proc, f":{number}"


def _window_up(display: str) -> bool:
    out = subprocess.run(["xwininfo", "-root", "-tree"], env={"DISPLAY": display, "LANG": "C.UTF-8"},
                         capture_output=True, text=True).stdout
    return any(int(w) > 100 and int(h) > 100 and "Qt Selection Owner" not in t
               for t, w, h in re.findall(r'"([^"]*)": \([^)]*\)\s+(\d+)x(\d+)', out))


def _start_xvfb(home: Path, base: Path, display: str) -> float:
    env = _env(base, QT_QPA_PLATFORM="xcb", DISPLAY=display)
    log = base / "app-stderr.txt"
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(EXE), "--home", str(home)], env=env, cwd=base,
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))
    try:
        while not _window_up(display):
            if proc.poll() is not None or time.perf_counter() - t0 > 30:
                raise RuntimeError(f"no window appeared (exit {proc.poll()}): "
                                   f"{log.read_text(errors='replace')[-1500:]}")
            time.sleep(0.005)
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def start_seconds(base: Path) -> tuple[float, str]:
    home = _home_with_vault(base)
    first = _start_offscreen(home, base)  # also warms the page cache
    if first is not None:
        return median([_start_offscreen(home, base) for _ in range(RUNS)]), "offscreen"
    xvfb, display = _xvfb()
    try:
        _start_xvfb(home, base, display)  # warm-up
        return median([_start_xvfb(home, base, display) for _ in range(RUNS)]), "xvfb"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def run() -> list[dict]:
    _build()
    results = [metric("package.bundle_mb", bundle_mb(), "MB", "<=", 190)]
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        seconds, how = start_seconds(Path(tmp))
    print(f"package.start_s measured via {how}", file=sys.stderr)
    results.append(metric("package.start_s", seconds, "s", "<=", 1.5))
    return results


if __name__ == "__main__":
    for r in run():
        print(r)

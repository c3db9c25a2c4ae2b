"""Benchmarks of the built bundle (dist/donghaeng), rebuilt first if the sources are newer.

package.bundle_mb  the unpacked one-folder bundle, MB (10^6 bytes, file sizes)    <= 260
                   (190 before issue 16; numpy, which PDQ needs, adds ~40 MB; no video
                   decoder is bundled: docs/architecture.md)
package.start_s    wall time from exec of the built binary (`donghaeng --home H`, a home
                   with one vault, clean environment, offscreen) until its unlock window
                   shows the account list, painted: the line the app appends to the file
                   named by DONGHAENG_READY_FILE, stamped with its own monotonic clock;
                   median of 9 runs after one warm-up run (page cache warm)        <= 1.5
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import median, metric, time_to_ready

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


def start_seconds(base: Path) -> list[float]:
    home = _home_with_vault(base)
    env = _env(base, QT_QPA_PLATFORM="offscreen")
    argv = [str(EXE), "--home", str(home)]
    time_to_ready(argv, env, base)  # warm-up: the page cache holds the bundle now
    return [time_to_ready(argv, env, base) for _ in range(RUNS)]


def run() -> list[dict]:
    _build()
    results = [metric("package.bundle_mb", bundle_mb(), "MB", "<=", 260,
                      "sum of the file sizes in dist/donghaeng/ (10^6 bytes)")]
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        runs = start_seconds(Path(tmp))
    results.append(metric(
        "package.start_s", median(runs), "s", "<=", 1.5,
        "exec of dist/donghaeng/donghaeng --home H (one vault, clean env, offscreen) to "
        f"the unlock window's account list painted (its ready line); median of {RUNS} "
        "after a warm-up", "runs: " + ", ".join(f"{r:.2f}" for r in runs)))
    return results


if __name__ == "__main__":
    for r in run():
        print(r)

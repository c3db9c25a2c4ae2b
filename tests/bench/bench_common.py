"""Shared pieces of the benchmark harness: a metric row, robust summaries, the machine,
cached fixtures under build/bench/, and the start-up clock (the app's ready file).

Every `bench_<area>.py` module beside this file exposes `run() -> list[dict]`, each dict made
by `metric()`. `run.py` collects them into bench-results.json, prints a table and exits 1
when a row misses its target.
"""
from __future__ import annotations

import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "build" / "bench"
READY_ENV = "DONGHAENG_READY_FILE"  # ui/unlock_window.py writes "ready <monotonic s>"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def metric(name: str, value: float, unit: str, op: str, target: float | None,
           method: str, detail: str | None = None) -> dict:
    """One row. `target` None: informational (always ok). `method` says exactly what was
    timed; `detail` (optional) the raw figures behind the value."""
    if target is None:
        ok, target_text = True, "none"
    else:
        ok = value <= target if op == "<=" else value >= target
        target_text = f"{op} {target}"
    row = {"name": name, "value": round(value, 3), "unit": unit, "target": target_text,
           "ok": bool(ok), "method": method, "cores": os.cpu_count(), "cpu": cpu_model()}
    if detail:
        row["detail"] = detail
    return row


def median(values) -> float:
    return float(statistics.median(values))


def percentile(values, pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100.0
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# -- cached fixtures -----------------------------------------------------------------------

def source_key(*parts: str | Path, extra: str = "") -> str:
    """A short digest of the sources a fixture depends on (files or folders of .py/.json/
    .yaml): a fixture built by other code than today's is rebuilt, not measured."""
    h = hashlib.sha256(extra.encode())
    for part in parts:
        p = ROOT / part
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file() and f.suffix in (".py", ".json", ".yaml", ".yml") \
                    and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(ROOT)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


def cached_fixture(name: str, key: str, build: Callable[[Path], None]) -> Path:
    """build/bench/<name>-<key>/, made once by `build(folder)`; older keys of `name` go."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    folder = FIXTURES / f"{name}-{key}"
    done = folder / ".complete"
    if not done.exists():
        for old in FIXTURES.glob(f"{name}-*"):
            shutil.rmtree(old, ignore_errors=True)
        folder.mkdir(mode=0o700)
        build(folder)
        done.write_text("ok")
    return folder


def private_copy(src: Path, prefix: str) -> tuple[Path, Callable[[], None]]:
    """A scratch copy of a cached fixture folder (the benchmarks write to their vaults)."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    dst = tmp / src.name
    shutil.copytree(src, dst, symlinks=True)
    return dst, lambda: shutil.rmtree(tmp, ignore_errors=True)


# -- start-up to the account list -------------------------------------------------------------

def time_to_ready(argv: list[str], env: dict, cwd: Path, timeout: float = 60.0) -> float:
    """Seconds from just before exec of `argv` to the ready line the program writes to
    DONGHAENG_READY_FILE (the unlock window showing the account list; a bare-Qt comparison
    writes it after its first paint). CLOCK_MONOTONIC is one clock for every process, so
    the child's own timestamp is used, not the moment this process notices the file. The
    program is then stopped with SIGTERM (the app quits cleanly on it)."""
    fd, ready = tempfile.mkstemp(prefix="dh-ready-")
    os.close(fd)
    os.unlink(ready)  # absent until the child appends its line
    env = dict(env, **{READY_ENV: ready})
    err = tempfile.TemporaryFile()  # a file, not a pipe: a chatty child never blocks on it
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        line = ""
        while not line.endswith("\n"):
            if time.monotonic() - t0 > timeout or proc.poll() is not None:
                err.seek(0)
                tail = err.read().decode(errors="replace")[-1500:]
                raise RuntimeError(f"{argv[:3]}: no ready line after {time.monotonic() - t0:.0f}"
                                   f" s (exit {proc.poll()}): {tail}")
            time.sleep(0.002)
            try:
                with open(ready, encoding="ascii") as fh:
                    line = fh.read()
            except FileNotFoundError:
                pass
        return float(line.split()[1]) - t0
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        err.close()
        try:
            os.unlink(ready)
        except FileNotFoundError:
            pass


def interleaved(makers: Iterable[tuple[str, Callable[[], float]]], runs: int,
                warmups: int = 1) -> dict[str, list[float]]:
    """Run each maker `runs` times, interleaved (a, b, a, b, ...), after `warmups` rounds
    not counted: a slow phase of a shared machine then hits every side alike."""
    makers = list(makers)
    for _ in range(warmups):
        for _, make in makers:
            make()
    out: dict[str, list[float]] = {name: [] for name, _ in makers}
    for _ in range(runs):
        for name, make in makers:
            out[name].append(make())
    return out

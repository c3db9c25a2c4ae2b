"""Running the real `donghaeng` command in a subprocess, as scripts and users do."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args, home: Path | None = None, passphrase: str | None = None,
            env: dict | None = None, timeout: float = 120, cwd: Path | None = None) -> Result:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    full_env["QT_QPA_PLATFORM"] = "offscreen"
    full_env["LANG"] = "C.UTF-8"
    if home is not None:
        full_env["DONGHAENG_HOME"] = str(home)
    if passphrase is not None:
        full_env["DONGHAENG_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    # the entry point the console script runs (the launcher above desktop/ and ui/)
    proc = subprocess.run([sys.executable, "-m", "donghaeng", *map(str, args)], env=full_env,
                          capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_clean_failure(result: Result) -> None:
    """Failed as the contract says: non-zero, a short message, no traceback."""
    assert result.code != 0, result
    assert result.err.strip(), "a failure must say why"
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err
    for line in result.err.strip().splitlines():
        assert len(line) < 300, line


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime under a folder."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = (hashlib.sha256(p.read_bytes()).digest(),
                                               p.stat().st_mtime_ns)
    return out

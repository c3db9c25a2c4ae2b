"""Laptops for the sync tests: a worker vault in its own home, driven through the real
`donghaeng` command as a worker's scripts would, enrolled with a real server."""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.cli_helpers import Result, run_cli
from tests.sync.conftest import RunningServer, cli

LAPTOP_PASSPHRASE = "노트북 금고 암호 2026 동행!"


@dataclass
class Laptop:
    home: Path
    worker: str

    def run(self, *args: str, timeout: float = 180) -> Result:
        return run_cli(*args, home=self.home, passphrase=LAPTOP_PASSPHRASE,
                       timeout=timeout)

    def ok(self, *args: str) -> str:
        r = self.run(*args)
        assert r.code == 0, (args, r.err[-2000:])
        return r.out

    def json(self, *args: str):
        return json.loads(self.ok(*args, "--json"))

    def put(self, tmp: Path, form: str, values: dict, case: str | None = None) -> str:
        f = tmp / f"v-{abs(hash(json.dumps(values, sort_keys=True)))}.json"
        f.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        args = ["record", "put", "--form", form, str(f)]
        if case:
            args += ["--case", case]
        return self.ok(*args).strip().split()[-1]

    def edit(self, tmp: Path, record_id: str, values: dict, base: str | None = None) -> None:
        f = tmp / f"e-{abs(hash(json.dumps(values, sort_keys=True)))}.json"
        f.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        args = ["record", "edit", record_id, str(f)]
        if base:
            args += ["--base", base]
        self.ok(*args)


def new_laptop(tmp: Path, name: str, worker: str) -> Laptop:
    """A new worker vault with cheap KDF parameters: each CLI call unlocks it, and the
    calibrated cost (>= 0.5 s) per call made the sync tests minutes longer (`vault create`
    itself is tested in tests/e2e)."""
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    lap = Laptop(tmp / name, worker)
    Vault.create(lap.home, worker, LAPTOP_PASSPHRASE, kdf=CHEAP).lock()
    return lap


def enroll(srv: RunningServer, lap: Laptop, role: str = "worker",
           team: str | None = None, url: str | None = None) -> str:
    """Enrolls `lap` with a code from `server enroll`, at `url` (default: the server's
    first process; a proxy's address to sync through it)."""
    args = ["enroll", "--data", str(srv.data), "--worker", lap.worker, "--role", role,
            "--json"]
    if team:
        args += ["--team", team]
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    sheet = json.loads(proc.stdout)
    assert sheet["fingerprint"] == srv.fingerprint
    out = lap.ok("sync", "enroll", "--server", url or srv.url, "--code", sheet["code"],
                 "--fingerprint", sheet["fingerprint"])
    line = [x for x in out.splitlines() if x.startswith("device-fingerprint: ")]
    assert line, out
    return line[0].split(": ", 1)[1]


def server_status(srv: RunningServer) -> dict:
    proc = cli("status", "--data", str(srv.data), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def stop_last(srv: RunningServer) -> None:
    """Stops the newest `server run` (a crash if a long request holds a graceful stop)."""
    old = srv.procs[-1]
    old.terminate()
    try:
        old.wait(timeout=10)
    except subprocess.TimeoutExpired:
        old.kill()
        old.wait(timeout=10)

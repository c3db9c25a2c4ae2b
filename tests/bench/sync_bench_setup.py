"""Shared pieces of the sync benchmark (bench_sync.py): servers started as the sync tests
start them (tests/sync/conftest.init_server, RunningServer.start; PostgreSQL on a
tests/sync/postgres.Cluster started here, not through pytest), filled laptop vaults cached
under build/bench/ (tests/sync/fill.filled_laptop) and copied for each use, a timed
`donghaeng sync` run, and a process's peak memory."""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_common import ROOT, cached_fixture, source_key

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.sync.conftest import RunningServer, init_server  # noqa: E402
from tests.sync.killing import SyncRun  # noqa: E402
from tests.sync.laptops import Laptop  # noqa: E402
from tests.sync.uploads import memory_kib  # noqa: E402,F401 (the benchmarks' import)

WORKER = "강동행"
MIB = 1024 * 1024


class Site:
    """A scratch folder, the servers started in it and (once asked for) a PostgreSQL
    cluster; `close()` stops them all and removes the folder."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="dh-bench-sync-"))
        self.cluster = None
        self.servers: list[RunningServer] = []

    def server(self, backend: str, name: str, *run_args: str) -> RunningServer:
        """`server init` + one `server run` (with `run_args`) on SQLite (in its data
        folder) or on a new database of the cluster."""
        from tests.sync.postgres import Cluster

        folder = self.tmp / name
        folder.mkdir()
        database = None
        if backend == "postgresql":
            if self.cluster is None:
                self.cluster = Cluster().start()
            database = self.cluster.create_database(name)
        srv = init_server(folder, database)
        self.servers.append(srv)
        srv.start(*run_args)
        return srv

    def close(self) -> None:
        try:
            for srv in self.servers:
                srv.stop()
        finally:
            try:
                if self.cluster is not None:
                    self.cluster.stop()
            finally:
                shutil.rmtree(self.tmp, ignore_errors=True)


def laptop_fixture(name: str, records: int, file_sizes: list[int]) -> Path:
    """build/bench/sync-<name>-<key>/: a worker vault with `records` intake records and
    files of `file_sizes` attached (fill.filled_laptop), made once per source version."""
    from tests.sync.fill import filled_laptop

    key = source_key("desktop/vault", "tests/sync/fill.py", "tests/bench/sync_bench_setup.py",
                     extra=f"{records}:{file_sizes}")
    return cached_fixture(f"sync-{name}", key,
                          lambda folder: filled_laptop(folder, WORKER, records, file_sizes))


def laptop_copy(site: Site, fixture: Path, name: str) -> Laptop:
    """A private copy of a cached laptop (a sync writes to its vault)."""
    dst = site.tmp / name
    shutil.copytree(fixture / "home", dst / "home", symlinks=True)
    return Laptop(dst / "home", WORKER)


class TimedSync(SyncRun):
    """SyncRun whose progress lines carry the monotonic time they arrived; `t0` is taken
    just before the process is spawned."""

    def __init__(self, lap: Laptop):
        self.stamps: list[float] = []
        self.t0 = time.monotonic()
        super().__init__(lap)

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.stamps.append(time.monotonic())
                self.cond.notify_all()
        with self.cond:
            self.lines.append("<eof>")
            self.stamps.append(time.monotonic())
            self.cond.notify_all()

    def finish(self, timeout: float = 600) -> tuple[int, str, str]:
        assert self.proc.stdout is not None
        self.proc.wait(timeout=timeout)
        self.end = time.monotonic()  # the exit, before reading what it left
        out = self.proc.stdout.read()
        self._reader.join(timeout=10)
        return self.proc.returncode, out, "\n".join(self.lines)

    def last(self, prefix: str) -> float | None:
        """Seconds from spawn to the last line starting with `prefix` (None: no such line)."""
        with self.cond:
            times = [t for x, t in zip(self.lines, self.stamps, strict=False)
                     if x.startswith(prefix)]
        return times[-1] - self.t0 if times else None


def sync_once(lap: Laptop, timeout: float = 900) -> tuple[int, float, dict, TimedSync]:
    """One `donghaeng sync --json` round: exit code, wall seconds from spawn to exit, the
    JSON summary ({} if none) and the run (for its progress times)."""
    run = TimedSync(lap)
    code, out, _err = run.finish(timeout)
    wall = run.end - run.t0
    try:
        summary = json.loads(out)
    except ValueError:
        summary = {}
    return code, wall, summary, run




def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and of the children it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_s(pg_data: Path | None) -> float | None:
    """CPU seconds of a cluster: its postmaster (with the backends it has reaped) and its
    live children."""
    if pg_data is None:
        return None
    master = int((pg_data / "postmaster.pid").read_text().splitlines()[0])
    total = cpu_s(master)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                total += cpu_s(int(stat.parent.name))
        except (OSError, ValueError):
            continue  # gone meanwhile
    return total

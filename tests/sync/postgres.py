"""A throwaway PostgreSQL cluster for the sync tests: Debian's postgresql, started by the
suite, stopped at its end. Missing PostgreSQL fails the tests (never skips them):
`make test` installs it (packaging/setup-debian.sh --with-postgres)."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (Debian: apt-get install "
                           "postgresql; `make test` installs it)")
    return found[-1]


class Cluster:
    def __init__(self) -> None:
        # Under /tmp, not pytest's tmp folder: that is 0700 root and the postgres user
        # must reach its own folder. initdb refuses to run as root, hence runuser.
        self.dir = Path(tempfile.mkdtemp(prefix="donghaeng-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.dir, "postgres", "postgres")
        self.started = False

    def _run(self, *cmd: str) -> None:
        proc = subprocess.run([*self._as, *cmd], capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"{Path(cmd[0]).name} failed: {proc.stderr.strip()[-500:]}")

    def start(self) -> Cluster:
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "app", "-E",
                  "UTF8", "--locale=C.UTF-8", "--no-sync")
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                f"-c unix_socket_directories={self.dir} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
                  "-o", opts, "start")
        self.started = True
        return self

    def url(self, database: str) -> str:
        return f"postgresql://app@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            if self.started:
                self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

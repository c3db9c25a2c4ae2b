"""Fixtures of the sync tests: a real `server run` process over HTTPS on 127.0.0.1, once
with SQLite in its data folder and once on a PostgreSQL cluster the suite starts."""
from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.sync.postgres import Cluster, free_port

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple 동행"
BACKENDS = ["sqlite", "postgresql"]
_names = itertools.count(1)


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONDONTWRITEBYTECODE="1")
    env.pop("LANGUAGE", None)
    return env


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
        stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """`donghaeng server …` through the launcher, as an operator runs it."""
    return subprocess.run([sys.executable, "-m", "donghaeng", "server", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, stdin=stdin,
                          env=env or server_env())


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = Cluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def new_database(request: pytest.FixtureRequest, backend: str) -> str | None:
    """None (SQLite in the data folder) or the URL of a new, empty PostgreSQL database."""
    if backend == "sqlite":
        return None
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"t{next(_names)}")


@dataclass
class RunningServer:
    backend: str
    data: Path
    keydir: Path
    database: str | None
    init_stdout: str
    fingerprint: str
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.urls[0]

    def client(self, fingerprint: str | None = None, url: str | None = None):
        from sync.pinning import pinned_client

        return pinned_client(url or self.url, fingerprint or self.fingerprint, timeout=10)

    def start(self, *extra: str) -> str:
        """Starts one more `server run` on this data folder; returns its base URL."""
        port = free_port()
        log = open(self.data.parent / f"run-{len(self.procs)}.log", "wb")  # noqa: SIM115
        self.logs.append(log)
        proc = subprocess.Popen([sys.executable, "-m", "donghaeng", "server", "run", "--data",
                                 str(self.data), "--bind", f"127.0.0.1:{port}", *extra],
                                cwd=ROOT, env=server_env(), stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL)
        self.procs.append(proc)
        url = f"https://127.0.0.1:{port}"
        wait_for_info(proc, url, self.fingerprint, self.data.parent / log.name)
        self.urls.append(url)
        return url

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in self.logs:
            log.close()


def wait_for_info(proc: subprocess.Popen[bytes], url: str, fingerprint: str, log: Path,
                  timeout: float = 60) -> None:
    import httpx

    from sync.pinning import pinned_client

    deadline = time.monotonic() + timeout
    with pinned_client(url, fingerprint, timeout=5) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server run exited {proc.returncode}: "
                                     f"{log.read_text(errors='replace')[-800:]}")
            try:
                if client.get("/v1/info").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise AssertionError(f"server run did not answer /v1/info within {timeout} s")


def init_server(tmp: Path, database: str | None, org: str = "동행 테스트 센터") -> RunningServer:
    pw = tmp / "passphrase"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    data, keydir = tmp / "data", tmp / "orgkeys"
    args = ["init", "--data", str(data), "--org", org, "--keys-out", str(keydir),
            "--passphrase-file", str(pw)]
    if database:
        args += ["--database", database]
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"^tls-sha256: ([0-9a-f]{64})$", proc.stdout, re.M)
    assert m, proc.stdout
    return RunningServer("sqlite" if database is None else "postgresql", data, keydir,
                         database, proc.stdout, m.group(1))


@contextmanager
def served(request, tmp_path_factory, name: str) -> Iterator[RunningServer]:
    """An initialised server on `request.param` ("sqlite" | "postgresql"), running (tests
    may start more processes on it); stopped at the end."""
    tmp = tmp_path_factory.mktemp(f"{name}-{request.param}")
    srv = init_server(tmp, new_database(request, request.param))
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


def exported_root(srv: RunningServer, folder: Path, name: str = "root.pem") -> Path:
    """The center's root certificate as `server ca export-root` writes it (what a clerk
    is given)."""
    out = folder / name
    proc = cli("ca", "export-root", "--data", str(srv.data), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session", params=BACKENDS)
def server(request, tmp_path_factory):
    with served(request, tmp_path_factory, "server") as srv:
        yield srv

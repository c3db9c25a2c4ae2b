"""`server run --workers N`: N processes on one socket act as one server, stop together
on SIGTERM, and a worker that dies on its own stops the server (exit 1) rather than
leaving it running short-handed."""
from __future__ import annotations

import os
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sync.pinning import pinned_context
from sync.protocol import PushRequest, to_json
from sync.protocol.signing import sign_request
from sync.server.models import utcnow
from tests.sync.conftest import BACKENDS, RunningServer, cli, init_server, new_database
from tests.sync.device import case_token, enrolled
from tests.sync.servers import device_status, status, worker_name

DEVICES, BATCHES = 4, 8


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child the test's own process did not reap shows as a zombie
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[1][0] != "Z"


def _started(request: pytest.FixtureRequest, tmp: Path, backend: str) -> RunningServer:
    srv = init_server(tmp, new_database(request, backend))
    srv.start("--workers", "2")
    return srv


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_workers_store_every_change_once_and_stop_together(request, tmp_path, backend):
    srv = _started(request, tmp_path, backend)
    try:
        parent = srv.procs[0]
        workers = _children(parent.pid)
        assert len(workers) == 2
        devices = [enrolled(srv, worker_name()) for _ in range(DEVICES)]

        def push_all(d) -> None:
            token = case_token()
            for _ in range(BATCHES):
                # a new connection per batch: the kernel hands each to either process
                d.close()
                d.http = srv.client()
                r = d.push([d.change(token=token) for _ in range(5)])
                assert not r.refused and r.expected_seq is None

        with ThreadPoolExecutor(DEVICES) as pool:
            list(pool.map(push_all, devices))
        for d in devices:
            row = device_status(srv, d.device_id)
            assert row["seq"] == row["changes"] == BATCHES * 5
        assert status(srv)["quarantined"] == 0
        assert all(_alive(w) for w in workers)
    finally:
        for d in locals().get("devices", []):
            d.close()
        srv.stop()
    assert parent.returncode == 0
    assert not any(_alive(w) for w in workers)


def test_a_worker_that_dies_stops_the_server(request, tmp_path):
    srv = _started(request, tmp_path, "sqlite")
    try:
        parent = srv.procs[0]
        first, second = _children(parent.pid)
        os.kill(first, signal.SIGKILL)
        assert parent.wait(timeout=20) == 1
        deadline = time.monotonic() + 10
        while _alive(second) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(second)
    finally:
        srv.stop()


def test_workers_out_of_range_is_one_line(tmp_path):
    srv = init_server(tmp_path, None)  # one `server init` (its keys take seconds) for all
    for given in ("0", "65", "x"):
        proc = cli("run", "--data", str(srv.data), "--bind", "127.0.0.1:1", "--workers",
                   given)
        assert proc.returncode != 0
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "--workers" in lines[0], (given, proc.stderr)
        assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_push_whose_body_stalls_holds_no_turn(request, tmp_path, workers):
    """Laptops whose hotspot dropped in the middle of a push body (more of them than a
    process takes pushes at once) do not hold up another laptop's push."""
    srv = init_server(tmp_path, new_database(request, "sqlite"))
    srv.start("--workers", workers)
    stalled: list = []
    opened: list = []
    try:
        d = enrolled(srv, worker_name())
        opened.append(d)
        host, port = urlsplit(srv.url).hostname, urlsplit(srv.url).port
        for _ in range(4):
            # signed as a real push: the signature's headers are checked before the body
            body = to_json(PushRequest(changes=[d.change(token=case_token())]))
            head = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
            lines = [f"{k}: {v}" for k, v in head.items()]
            raw = socket.create_connection((host, port), timeout=10)
            tls = pinned_context(srv.fingerprint).wrap_socket(raw, server_hostname=host)
            tls.sendall(("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: "
                         f"application/json\r\nContent-Length: {len(body)}\r\n"
                         + "".join(f"{line}\r\n" for line in lines) + "\r\n").encode()
                        + body[:len(body) // 2])
            stalled.append(tls)
            d.seq -= 1  # never sent whole: the next change takes its number
        time.sleep(0.5)  # the stalled requests reach the server first
        t0 = time.monotonic()
        r = d.push([d.change(token=case_token())])
        assert not r.refused and time.monotonic() - t0 < 10
    finally:
        for tls in stalled:
            tls.close()
        for device in opened:
            device.close()  # an idle keep-alive connection holds a stop for its 5 s grace
        srv.stop()

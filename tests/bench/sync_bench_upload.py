"""Uploads for the sync benchmark: sync.client.tus against our server, next to one raw
streaming HTTPS PUT of the same bytes to a throwaway 10-line Starlette app under uvicorn
(the server's own certificate and key, the same pinned client); and a 2 GB tus upload with
the server process's peak memory before and after."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

from bench_common import median
from sync_bench_setup import MIB, Site, memory_kib

from tests.sync.conftest import RunningServer, server_env, wait_for_info

# The baseline: plain HTTP + disk. Each body chunk written as it arrives, fsync at the end.
RAW_APP = '''
import os, sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

async def info(request):
    return Response(status_code=200)

async def put(request):
    fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        async for chunk in request.stream():
            os.write(fd, chunk)
        os.fsync(fd)
    finally:
        os.close(fd)
    return Response(status_code=204)

app = Starlette(routes=[Route("/v1/info", info), Route("/raw", put, methods=["PUT"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), ssl_certfile=sys.argv[3],
            ssl_keyfile=sys.argv[4], log_level="warning", access_log=False)
'''


class RawServer:
    def __init__(self, srv: RunningServer, folder: Path):
        from tests.sync.postgres import free_port

        script = folder / "raw_put_app.py"
        script.write_text(RAW_APP)
        self.dest = folder / "raw-put.bin"
        port = free_port()
        self.log = folder / "raw-put.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(script), str(port), str(self.dest),
                 str(srv.data / "tls" / "cert.pem"), str(srv.data / "tls" / "key.pem")],
                env=server_env(), stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        self.url = f"https://127.0.0.1:{port}"
        self.fingerprint = srv.fingerprint
        wait_for_info(self.proc, self.url, self.fingerprint, self.log)

    def put(self, path: Path) -> float:
        """Seconds of one streaming PUT of `path` (4 MiB reads, Content-Length set),
        until the app answered after its fsync."""
        from sync.pinning import pinned_client

        def body():
            with open(path, "rb") as f:
                while block := f.read(4 * MIB):
                    yield block

        with pinned_client(self.url, self.fingerprint, timeout=120) as client:
            client.get("/v1/info")  # connected and TLS done before the clock, as for tus
            t0 = time.perf_counter()
            r = client.put("/raw", content=body(),
                           headers={"Content-Length": str(path.stat().st_size),
                                    "Content-Type": "application/octet-stream"})
            took = time.perf_counter() - t0
        if r.status_code != 204 or self.dest.stat().st_size != path.stat().st_size:
            raise RuntimeError(f"raw PUT failed: {r.status_code}")
        self.dest.unlink()
        return took

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def write_file(path: Path, size: int, seed: int):
    """`size` random-ish bytes written in 1 MiB chunks (a random block, rotated and
    stamped with the chunk's number, so no two chunks and no two seeds are alike);
    returns the FileRef."""
    import uuid

    from sync.protocol import FileRef

    block = os.urandom(MIB)
    h = hashlib.sha256()
    with open(path, "wb") as f:
        for i in range(0, size, MIB):
            r = (i // MIB * 7919 + seed) % MIB
            chunk = (seed.to_bytes(8, "big") + (i // MIB).to_bytes(8, "big")
                     + block[r:] + block[:r])[:min(MIB, size - i)]
            h.update(chunk)
            f.write(chunk)
    return FileRef(attachment_id=str(uuid.uuid4()), cipher_size=size,
                   cipher_sha256=h.hexdigest())


def _tus_once(device, ref, path: Path) -> float:
    from sync.client import tus
    from tests.sync.uploads import push_attach, transport

    push_attach(device, ref)
    with transport(device) as tr:
        tr.info()  # connected and TLS done before the clock
        t0 = time.perf_counter()
        tus.upload(tr, ref, path, on_progress=lambda _offset: None)
        return time.perf_counter() - t0


def upload_ratio(site: Site, srv: RunningServer, size: int, rounds: int
                 ) -> tuple[float, str]:
    """Median over `rounds` of (raw PUT seconds / tus seconds) = tus throughput over raw
    throughput, each round a new file (the store is content-addressed) sent both ways."""
    from tests.sync.device import enrolled

    folder = site.tmp / "upload-ratio"
    folder.mkdir()
    raw = RawServer(srv, folder)
    device = enrolled(srv, "upload-bench")
    ratios, detail = [], []
    try:
        warm = folder / "warm.bin"
        ref = write_file(warm, 8 * MIB, seed=1000)
        raw.put(warm)
        _tus_once(device, ref, warm)  # both servers' first request paths are warm
        warm.unlink()
        for r in range(rounds):
            path = folder / f"file-{r}.bin"
            ref = write_file(path, size, seed=r + 1)
            os.sync()
            t_raw = raw.put(path)
            os.sync()
            t_tus = _tus_once(device, ref, path)
            path.unlink()
            ratios.append(t_raw / t_tus)
            detail.append(f"tus {size / MIB / t_tus:.0f} MiB/s ({t_tus:.2f} s), raw PUT "
                          f"{size / MIB / t_raw:.0f} MiB/s ({t_raw:.2f} s)")
    finally:
        device.close()
        raw.stop()
    return median(ratios), "; ".join(detail)


def upload_rss(site: Site, srv: RunningServer, size: int) -> tuple[float, str]:
    """A fresh `server run` on `srv`'s data folder; an enrolled device pushes the attach
    change through it; VmHWM then; the whole file by sync.client.tus; VmHWM after."""
    from tests.sync.device import Device

    folder = site.tmp / "upload-2gb"
    folder.mkdir()
    url = srv.start()
    proc = srv.procs[-1]
    device = Device(srv, "upload-rss", url=url)
    try:
        device.enroll()
        path = folder / "big.bin"
        t0 = time.perf_counter()
        ref = write_file(path, size, seed=99)
        made = time.perf_counter() - t0
        os.sync()
        from sync.client import tus
        from tests.sync.uploads import push_attach, transport

        push_attach(device, ref)
        with transport(device) as tr:
            tr.info()
            before = memory_kib(proc.pid)
            t0 = time.perf_counter()
            tus.upload(tr, ref, path, on_progress=lambda _offset: None)
            took = time.perf_counter() - t0
        after = memory_kib(proc.pid)
        path.unlink()
    finally:
        device.close()
    delta = (after["VmHWM"] - before["VmHWM"]) / 1024
    return delta, (f"server pid {proc.pid}: VmHWM {before['VmHWM'] / 1024:.0f} -> "
                   f"{after['VmHWM'] / 1024:.0f} MiB, VmRSS after {after['VmRSS'] / 1024:.0f}"
                   f" MiB; upload {took:.1f} s ({size / MIB / took:.0f} MiB/s); file made "
                   f"in {made:.1f} s")

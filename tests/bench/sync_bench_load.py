"""The load benchmark: many simulated devices (tests/sync/device.Device, one thread each)
push their changes and upload their files at once to one server on PostgreSQL.

Each device is enrolled, and its changes sealed (random content of a real record's size,
see CONTENT_BYTES) and serialised, before the start; after a barrier each pushes its
records in requests of at most 100 changes, then its attach changes, then uploads its files
with sync.client.tus over a SyncTransport of its own. A push's latency is the wall time of
its request (signing included: a laptop signs every push), measured in its thread."""
from __future__ import annotations

import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench_common import percentile
from sync_bench_setup import MIB, cpu_s, memory_kib, postgres_cpu_s

from tests.sync.conftest import RunningServer

CONTENT_BYTES = 820  # a sealed intake record of the filled laptop: ~1,100 base64 chars


@dataclass
class Sim:
    device: object
    bodies: list[bytes]
    files: list[tuple[object, Path]]
    latencies: list[float] = field(default_factory=list)
    done_at: float | None = None
    error: str | None = None


def _prepare(srv: RunningServer, n: int, folder: Path, records: int, files: int,
             file_size: int) -> Sim:
    from sync.protocol import PushRequest, to_json
    from tests.sync.device import case_token, enrolled
    from tests.sync.uploads import attach, random_file

    # devices spread over the server's processes (one, unless more were started)
    device = enrolled(srv, f"load-{n:02d}", url=srv.urls[n % len(srv.urls)])
    token = case_token()
    changes = [device.version(str(uuid.uuid4()), token=token,
                              content=os.urandom(CONTENT_BYTES)) for _ in range(records)]
    paths = []
    for k in range(files):
        path = folder / f"d{n:02d}-f{k}.bin"
        paths.append((random_file(path, file_size), path))
    changes += [attach(device, ref) for ref, _ in paths]
    bodies = [to_json(PushRequest(changes=changes[i:i + 100]))
              for i in range(0, records, 100)]
    bodies.append(to_json(PushRequest(changes=changes[records:])))
    return Sim(device, bodies, paths)


def _device(sim: Sim, start: threading.Barrier) -> None:
    from sync.client import tus
    from tests.sync.uploads import transport

    try:
        with transport(sim.device) as tr:  # type: ignore[arg-type]
            start.wait()
            for body in sim.bodies:
                t0 = time.perf_counter()
                r = sim.device.request("POST", "/v1/push", body)  # type: ignore[attr-defined]
                sim.latencies.append(time.perf_counter() - t0)
                if r.status_code != 200 or r.json().get("refused") or \
                        len(r.json()["receipts"]) != body.count(b'"change_id"'):
                    raise RuntimeError(f"push answered {r.status_code}: {r.text[:200]}")
            for ref, path in sim.files:
                tus.upload(tr, ref, path, on_progress=lambda _o: None)
        sim.done_at = time.perf_counter()
    except Exception as e:  # noqa: BLE001 - reported in the figures' detail
        sim.error = f"{type(e).__name__}: {e}"
        start.abort()  # a device that failed before the start must not hold the others


def serving_pids(srv: RunningServer) -> list[int]:
    """The processes that serve: each `server run`, or its workers when it has some
    (`--workers N`: the parent only supervises)."""
    pids = []
    for p in srv.procs:
        if p.poll() is None:
            kids = Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()
            pids += [int(k) for k in kids] or [p.pid]
    return pids


def load(srv: RunningServer, folder: Path, devices: int, records: int, files: int,
         file_size: int = MIB, pg_data: Path | None = None) -> dict:
    """Runs the load; p99 push latency, total seconds, peak VmHWM of each server process."""
    folder.mkdir(exist_ok=True)
    sims = [_prepare(srv, n, folder, records, files, file_size) for n in range(devices)]
    os.sync()
    start = threading.Barrier(devices + 1)
    threads = [threading.Thread(target=_device, args=(s, start), daemon=True) for s in sims]
    for t in threads:
        t.start()
    pids = serving_pids(srv)
    peak = {pid: 0 for pid in pids}
    cpu0 = {pid: cpu_s(pid) for pid in pids}
    pg0, me0 = postgres_cpu_s(pg_data), os.times()
    start.wait()
    t0 = time.perf_counter()
    while any(t.is_alive() for t in threads):
        for pid in pids:
            peak[pid] = max(peak[pid], memory_kib(pid)["VmHWM"])
        time.sleep(0.2)
    for pid in pids:
        peak[pid] = max(peak[pid], memory_kib(pid)["VmHWM"])
    me1, pg1 = os.times(), postgres_cpu_s(pg_data)
    cpu = {f"server {pid}": cpu_s(pid) - cpu0[pid] for pid in pids}
    cpu["devices (this process)"] = me1.user + me1.system - me0.user - me0.system
    if pg0 is not None and pg1 is not None:
        cpu["postgresql"] = pg1 - pg0
    errors = [s.error for s in sims if s.error]
    ends = [s.done_at for s in sims if s.done_at is not None]
    lat = [x for s in sims for x in s.latencies]
    for s in sims:
        s.device.close()  # type: ignore[attr-defined]
    return {"p99": percentile(lat, 99), "p50": percentile(lat, 50), "max": max(lat),
            "pushes": len(lat), "total": (max(ends) - t0) if ends else float("nan"),
            "done": len(ends), "errors": errors, "cpu_s": cpu,
            "peak_mib": {pid: kib / 1024 for pid, kib in peak.items()}}

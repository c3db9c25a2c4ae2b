"""Faults for the sync benchmark: a laptop syncing through tests/sync/faultproxy.FaultProxy
with and without cuts (retrying `donghaeng sync` until it exits 0), and the full-size kill
run of tests/sync/test_kills.py (10,000 records, 200 files, 20 SIGKILLs of the laptop's
sync, 5 server restarts) counted afterwards: missing + duplicates + quarantined + files
whose bytes do not hash to the laptop's ciphertext."""
from __future__ import annotations

import hashlib
import random
import time
from urllib.parse import urlsplit

from sync_bench_setup import MIB, Site, TimedSync, laptop_copy

from tests.sync.conftest import RunningServer
from tests.sync.faultproxy import FaultProxy
from tests.sync.killing import (
    kill_after_commit,
    laptop_view,
    restart,
    server_changes,
)
from tests.sync.laptops import Laptop, enroll, server_status


def _proxy_for(srv: RunningServer) -> FaultProxy:
    target = urlsplit(srv.url)
    return FaultProxy(target.hostname or "", target.port or 0, max_lifetime=30 * 60)


def until_done(lap: Laptop, tries: int = 60) -> tuple[float, int, int]:
    """`donghaeng sync` again and again, at once, until one exits 0: (wall seconds from
    the first spawn to that exit, rounds run, exit code of the last)."""
    t0 = time.monotonic()
    code = -1
    for n in range(1, tries + 1):
        run = TimedSync(lap)
        code, _out, err = run.finish()
        if "Traceback" in err:
            raise RuntimeError(f"donghaeng sync crashed: {err[-1500:]}")
        if code == 0:
            return run.end - t0, n, code
    return time.monotonic() - t0, tries, code


def faulty_vs_clean(site: Site, fixture, latency: float, cut_min: int, cut_max: int,
                    nth: int) -> tuple[float, str]:
    """Each side on a new SQLite server and a new copy of the laptop, enrolled through its
    proxy; both proxies add `latency` each way. The faulty one also resets each connection
    after a random cut_min..cut_max bytes and every `nth` connection after 1 KiB."""
    times, detail = {}, []
    rng = random.Random(404)
    for side in ("clean", "faulty"):
        srv = site.server("sqlite", f"s_{side}")
        lap = laptop_copy(site, fixture, f"lap-{side}")
        with _proxy_for(srv) as proxy:
            enroll(srv, lap, url=proxy.url_for())
            proxy.latency = latency
            if side == "faulty":
                proxy.cut_after_bytes = lambda: rng.randint(cut_min, cut_max)
                proxy.cut_every_nth_connection = nth
            wall, rounds, code = until_done(lap)
            st = proxy.stats
        if code != 0:
            raise RuntimeError(f"the {side} sync never exited 0 ({rounds} rounds)")
        times[side] = wall
        detail.append(f"{side}: {wall:.1f} s, {rounds} rounds, {st.accepted} connections, "
                      f"{st.cuts} cut, {(st.bytes_up + st.bytes_down) / MIB:.0f} MiB carried")
    return times["faulty"] / times["clean"], "; ".join(detail)


# -- the full-size kill run ------------------------------------------------------------------

# 20 kills, 5 restarts: "sealed" kills during freezing, "commit" between the server's commit
# and the receipts, "sent" after push progress, "file" after upload progress.
PLAN = ["sealed", "sealed", "commit", "sent", "restart", "commit", "sent", "sent", "commit",
        "restart", "sent", "commit", "file", "file", "restart", "file", "file", "file",
        "restart-under", "file", "file", "restart", "file", "file", "file"]
KILLS, RESTARTS = 20, 5


def _kill_run(srv: RunningServer, lap: Laptop, proxy: FaultProxy, rng: random.Random
              ) -> tuple[int, int, int, list[str]]:
    kills = restarts = in_window = 0
    log: list[str] = []
    steps = list(PLAN)
    while steps and len(log) < 3 * len(PLAN):
        step = steps.pop(0)
        if step == "restart":
            restart(srv, proxy)
            restarts += 1
            log.append("restart")
            continue
        run = TimedSync(lap)
        if step == "commit":
            proxy.down.latency = 0.3  # the receipts wait in the delay line
            landed = kill_after_commit(srv, run)
            proxy.down.latency = 0.02
            acked = lap.json("sync", "status")["acked"]
            seq = max(d["seq"] for d in server_status(srv)["devices"])
            in_window += landed and seq > acked
        elif step == "restart-under":
            landed = False
            under = run.wait_line("file ", rng.randint(1, 10))
            if under:
                restart(srv, proxy)
                restarts += 1
            code, _out, err = run.finish()
            if "Traceback" in err:
                raise RuntimeError(f"donghaeng sync crashed: {err[-1500:]}")
            log.append(f"restart-under:{'restarted' if under else 'ended-first'}"
                       f"(sync exit {code})")
            continue
        else:
            prefix = {"sealed": "sealed ", "sent": "sent ", "file": "file "}[step]
            # sealing and pushing overlap, 500 changes a batch: a full round has ~23
            # "sealed" and ~23 "sent" lines, so the counts stay low enough to land
            count = {"sealed": rng.randint(1, 6), "sent": rng.randint(1, 3),
                     "file": rng.randint(1, 40)}[step]
            landed = run.wait_line(prefix, count, timeout=300)
            time.sleep(rng.uniform(0, 0.2))
            landed = run.kill() and landed
        kills += bool(landed)
        log.append(f"{step}:{'killed' if landed else 'missed'}")
        if step != "restart-under" and not landed and kills < KILLS:
            # the run ended before its progress line (that phase is over): the kills still
            # owed are taken in the uploads, while there are any
            if run.proc.returncode == 0:
                break
            steps.insert(0, "file")
    return kills, restarts, in_window, log


def fault_full(site: Site, fixture, files: int) -> tuple[int, str]:
    srv = site.server("sqlite", "s_kills")
    lap = laptop_copy(site, fixture, "lap-kills")
    rng = random.Random(2027)
    t0 = time.monotonic()
    with _proxy_for(srv) as proxy:
        enroll(srv, lap, url=proxy.url_for())
        proxy.up.latency = proxy.down.latency = 0.02
        kills, restarts, in_window, log = _kill_run(srv, lap, proxy, rng)
        wall, rounds, code = until_done(lap, tries=10)
    took = time.monotonic() - t0

    device_id, laptop_changes, laptop_shas = laptop_view(lap)
    on_server = server_changes(srv, device_id)
    mine, theirs = set(laptop_changes), set(on_server)
    status = server_status(srv)
    missing = len(mine - theirs) + status["files_pending"] + max(0, files - status["files"])
    duplicates = (len(on_server) - len({c for c, _ in on_server})) + \
        (len(on_server) - len({s for _, s in on_server})) + len(theirs - mine)
    quarantined = status["quarantined"]
    stored_ok, mismatched = set(), 0
    for p in (srv.data / "files").rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                sha = hashlib.file_digest(f, "sha256").hexdigest()
            if sha == p.name:
                stored_ok.add(sha)
            else:
                mismatched += 1
    mismatched += len(laptop_shas - stored_ok)
    value = missing + duplicates + quarantined + mismatched
    note = (f"{kills} SIGKILLs landed ({in_window} between the server's commit and the "
            f"receipts), {restarts} server restarts; then {rounds} clean round(s), last exit "
            f"{code}; {len(laptop_changes)} changes, {len(laptop_shas)} files on the laptop; "
            f"missing {missing}, duplicates {duplicates}, quarantined {quarantined}, hash "
            f"mismatches {mismatched}; {took:.0f} s; steps {' '.join(log)}")
    return value, note

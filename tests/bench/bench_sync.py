"""Sync benchmarks (issue 13): the laptop's `donghaeng sync` against a real `server run`
over loopback HTTPS, started as the sync tests start it (tests/sync/conftest.init_server,
RunningServer.start; PostgreSQL on a tests/sync/postgres.Cluster of its own). Laptop vaults
are tests/sync/fill.filled_laptop vaults cached under build/bench/ and copied per use.
Helpers: sync_bench_setup.py, sync_bench_upload.py, sync_bench_load.py,
sync_bench_faults.py.

sync.records_per_s, sync.records_per_s_pg  a laptop with 10,000 intake records (cases of
    ten: 11,000 changes) enrolled with a new server on SQLite / PostgreSQL, then ONE
    `donghaeng sync --json` process timed from spawn to exit (start, vault open, freeze and
    seal, push, pull): 10,000 / seconds.                                 >= 1500, >= 1000
sync.round_s, sync.round_pg_s  those rounds' seconds (informational).
sync.upload_vs_raw_put_ratio  a 200 MiB file: sync.client.tus upload to our server (SQLite)
    over one streaming HTTPS PUT of the same bytes to a throwaway Starlette app under
    uvicorn (same certificate, same pinned client) that writes the body to disk and fsyncs:
    raw seconds / tus seconds = tus throughput / raw throughput, median of 5 rounds (a new
    file each round), after a small warm-up of both.                            >= 0.6
sync.faulty_vs_clean_ratio  a laptop with 1,000 records and 20 files of 1 MiB through the
    fault proxy adding 50 ms each way, retrying `donghaeng sync` at once until exit 0; the
    faulty proxy also resets each connection after a random 1-4 MiB and every 200th
    connection after 1 KiB; no bandwidth cap. Faulty wall / clean wall, each side a new
    SQLite server and laptop copy.                                               <= 3.0
sync.load_push_p99_s, sync.load_total_s, sync.server_rss_mb  50 tests/sync/device.Device
    (threads) x 200 record changes (random sealed content of a real record's size) + 5
    attach changes, pushed in requests of <= 100 changes, then 5 files of 1 MiB each by
    sync.client.tus, all released at once against one `server run --workers 2` (two
    processes on one socket, one per core) on PostgreSQL: p99 of the push requests' wall
    latency; seconds until every device is done; the highest peak VmHWM of a server
    process.                                                         <= 1.0, <= 30, <= 250
sync.upload_2gb_rss_delta_mb  a new `server run` (SQLite); a 2 GiB file of random-ish
    bytes written in 1 MiB chunks; its VmHWM before and after the tus upload.      <= 50
sync.fault_full  test_kills at full size on SQLite: 10,000 records and 200 files (one of
    200 MiB) through the fault proxy, 20 SIGKILLs of the laptop's sync (during sealing,
    between the server's commit and the receipts, during the push, during uploads), 5
    server restarts (one under a running upload), then sync until exit 0: missing +
    duplicates + quarantined + hash mismatches.                                  <= 0
"""
from __future__ import annotations

import random
import resource

from bench_common import metric
from sync_bench_setup import (
    MIB,
    Site,
    cpu_s,
    laptop_copy,
    laptop_fixture,
    postgres_cpu_s,
    sync_once,
)

RECORDS = 10_000
FAULT_RECORDS, FAULT_FILES = 1_000, [MIB] * 20
FULL_FILES = [200 * MIB] + [random.Random(5 + i).randint(100_000, 2_000_000)
                            for i in range(199)]
UPLOAD_SIZE, UPLOAD_ROUNDS = 200 * MIB, 5
BIG_UPLOAD = 2 * 1024 * MIB
LOAD_DEVICES, LOAD_RECORDS, LOAD_FILES = 50, 200, 5
LOAD_WORKERS = 2  # this machine's cores (env: 2); docs/operations.md: one per core


def _records(site: Site, backend: str) -> tuple[float, float, str]:
    from tests.sync.laptops import enroll

    srv = site.server(backend, f"s_records_{backend[:2]}")
    lap = laptop_copy(site, laptop_fixture("10k", RECORDS, []), f"lap-records-{backend}")
    enroll(srv, lap)
    pid, pg_data = srv.procs[0].pid, site.cluster.data if srv.database else None
    cpu0, pg0, kids0 = cpu_s(pid), postgres_cpu_s(pg_data), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    code, wall, summary, run = sync_once(lap)
    cpu1, pg1, kids1 = cpu_s(pid), postgres_cpu_s(pg_data), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    laptop = kids1.ru_utime + kids1.ru_stime - kids0.ru_utime - kids0.ru_stime
    if code != 0 or summary.get("pushed", 0) < RECORDS or summary.get("pending_changes"):
        raise RuntimeError(f"the sync round failed ({code}): {run.lines[-5:]}")
    sealed, sent = run.last("sealed "), run.last("sent ")
    how = (f"start to last 'sealed' line {sealed:.1f} s, then push to last 'sent' line "
           f"{sent - sealed:.1f} s, then pull and exit {wall - sent:.1f} s; "
           f"{summary['pushed']} changes pushed; CPU s in the round: laptop process "
           f"{laptop:.1f}, server process {cpu1 - cpu0:.1f}"
           + (f", postgresql {pg1 - pg0:.1f}" if pg0 is not None else ""))
    return RECORDS / wall, wall, how


def run() -> list[dict]:
    import sync_bench_faults as faults
    import sync_bench_load as load
    import sync_bench_upload as upload

    out = []
    site = Site()
    try:
        for backend, name, target in (("sqlite", "", 1500), ("postgresql", "_pg", 1000)):
            rate, wall, how = _records(site, backend)
            what = (f"10,000-record laptop (11,000 changes with its cases), one `donghaeng "
                    f"sync` process spawn to exit on loopback, {backend}")
            out.append(metric(f"sync.records_per_s{name}", rate, "rec/s", ">=", target,
                              f"{what}: 10,000 / seconds", how))
            out.append(metric(f"sync.round{name}_s", wall, "s", "<=", None,
                              f"{what}: the round's seconds", how))

        files_srv = site.server("sqlite", "s_files")
        ratio, detail = upload.upload_ratio(site, files_srv, UPLOAD_SIZE, UPLOAD_ROUNDS)
        out.append(metric(
            "sync.upload_vs_raw_put_ratio", ratio, "x", ">=", 0.6,
            f"{UPLOAD_SIZE // MIB} MiB: sync.client.tus upload to `server run` (SQLite, "
            "4 MiB PATCHes with SHA-256, fsync each, whole-file hash at the end) over one "
            "streaming HTTPS PUT to a minimal uvicorn+Starlette app writing the body to "
            "disk with one fsync: raw s / tus s, median of "
            f"{UPLOAD_ROUNDS} rounds", detail))
        delta, detail = upload.upload_rss(site, files_srv, BIG_UPLOAD)
        out.append(metric("sync.upload_2gb_rss_delta_mb", delta, "MiB", "<=", 50,
                          "VmHWM of a new `server run` (SQLite) after minus before one "
                          "2 GiB sync.client.tus upload of random-ish bytes", detail))

        ratio, detail = faults.faulty_vs_clean(
            site, laptop_fixture("1k-20f", FAULT_RECORDS, FAULT_FILES), latency=0.05,
            cut_min=1 * MIB, cut_max=4 * MIB, nth=200)
        out.append(metric(
            "sync.faulty_vs_clean_ratio", ratio, "x", "<=", 3.0,
            "1,000 records + 20 x 1 MiB files through the fault proxy (50 ms each way), "
            "`donghaeng sync` retried at once until exit 0: wall with each connection reset "
            "after a random 1-4 MiB and every 200th connection reset, over wall without "
            "faults", detail))

        pg = site.server("postgresql", "s_load", "--workers", str(LOAD_WORKERS))
        r = load.load(pg, site.tmp / "load", LOAD_DEVICES, LOAD_RECORDS, LOAD_FILES,
                      pg_data=site.cluster.data)
        if r["errors"] or r["done"] != LOAD_DEVICES:
            raise RuntimeError(f"load: {r['done']} devices done, errors {r['errors'][:3]}")
        cpu = ", ".join(f"{k} {v:.1f}" for k, v in r["cpu_s"].items())
        detail = (f"{r['pushes']} pushes: p50 {r['p50']:.2f} s, p99 {r['p99']:.2f} s, max "
                  f"{r['max']:.2f} s; total {r['total']:.1f} s; CPU s during the load: {cpu}")
        what = (f"{LOAD_DEVICES} devices (threads) x {LOAD_RECORDS} records + {LOAD_FILES} "
                f"files of 1 MiB, released at once, one `server run --workers "
                f"{LOAD_WORKERS}` ({LOAD_WORKERS} processes, one per core) on PostgreSQL")
        out.append(metric("sync.load_push_p99_s", r["p99"], "s", "<=", 1.0,
                          f"{what}: p99 wall latency of push requests (<= 100 changes)",
                          detail))
        out.append(metric("sync.load_total_s", r["total"], "s", "<=", 30,
                          f"{what}: seconds from the release until every device is done",
                          detail))
        peaks = r["peak_mib"]
        out.append(metric("sync.server_rss_mb", max(peaks.values()), "MiB", "<=", 250,
                          f"{what}: the highest peak VmHWM of a server process "
                          "(/proc/<pid>/status)",
                          ", ".join(f"pid {pid}: {mib:.0f} MiB" for pid, mib in peaks.items())))

        value, note = faults.fault_full(
            site, laptop_fixture("10k-200f", RECORDS, FULL_FILES), len(FULL_FILES))
        out.append(metric("sync.fault_full", value, "count", "<=", 0,
                          "10,000 records + 200 files (one 200 MiB) on SQLite through the "
                          "fault proxy, 20 SIGKILLs, 5 server restarts, then sync to exit 0:"
                          " missing + duplicates + quarantined + hash mismatches", note))
    finally:
        site.close()
    return out

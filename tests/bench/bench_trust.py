"""Trust benchmarks (issue 15): the center's timestamp authority, and long-term validation
of exports (trust_bench_ltv.py). One function per row below; `run()` lists them.

trust.tsa_p99_ms  a new `server init` + `server run` on SQLite (tests/sync/conftest, as the
    sync tests start it); 20 client threads, each with its own pinned HTTPS client (as a
    laptop asks), send RFC 3161 requests (SHA-256 imprint, nonce, certReq) to POST /v1/tsa
    over loopback, 50 each, all released at once after a warm-up of 20: p99 of the
    requests' wall latency, median of 3 rounds.                                  <= 100
"""
from __future__ import annotations

import hashlib
import os
import threading
import time

from bench_common import median, metric, percentile
from sync_bench_setup import Site

TSA_CLIENTS, TSA_REQUESTS, TSA_ROUNDS, TSA_WARMUP = 20, 50, 3, 20


def _tsa_request() -> bytes:
    from asn1crypto import algos, tsp

    return tsp.TimeStampReq({
        "version": "v1",
        "message_imprint": {
            "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "hashed_message": hashlib.sha256(os.urandom(32)).digest()},
        "nonce": int.from_bytes(os.urandom(8), "big"), "cert_req": True}).dump()


def _tsa_round(srv) -> list[float]:
    headers = {"Content-Type": "application/timestamp-query"}
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(TSA_CLIENTS)
    failures: list[str] = []

    def client() -> None:
        mine: list[float] = []
        with srv.client() as c:
            c.post("/v1/tsa", content=_tsa_request(), headers=headers)  # connect first
            start.wait()
            for _ in range(TSA_REQUESTS):
                body = _tsa_request()
                t0 = time.perf_counter()
                r = c.post("/v1/tsa", content=body, headers=headers)
                mine.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    failures.append(str(r.status_code))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(TSA_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"TSA requests failed: {failures[:5]}")
    return latencies


def tsa_p99_ms(site: Site) -> dict:
    srv = site.server("sqlite", "tsa")
    with srv.client() as c:
        for _ in range(TSA_WARMUP):
            c.post("/v1/tsa", content=_tsa_request(),
                   headers={"Content-Type": "application/timestamp-query"})
    p99s, p50s = [], []
    for _ in range(TSA_ROUNDS):
        lat = _tsa_round(srv)
        p99s.append(percentile(lat, 99))
        p50s.append(percentile(lat, 50))
    return metric(
        "trust.tsa_p99_ms", median(p99s), "ms", "<=", 100,
        f"{TSA_CLIENTS} pinned HTTPS clients x {TSA_REQUESTS} RFC 3161 requests to POST "
        f"/v1/tsa of one `server run` (SQLite), loopback: p99 latency, median of "
        f"{TSA_ROUNDS} rounds",
        f"p99 per round {[round(x, 1) for x in p99s]} ms; p50 {[round(x, 1) for x in p50s]} ms")


def ltv_rows(site: Site) -> list[dict]:
    """trust.sign_b_lt_overhead_s, trust.upgrade_b_lt_s, trust.verify_b_lt_s: see
    trust_bench_ltv.py (long-term validation of exports)."""
    from trust_bench_ltv import rows

    return rows(site.server("sqlite", "ltv"))


# one function per row (or per group of rows); each takes the shared Site (servers are
# stopped at the end)
ROWS = [tsa_p99_ms, ltv_rows]


def run() -> list[dict]:
    site = Site()
    try:
        out: list[dict] = []
        for row in ROWS:
            got = row(site)
            out.extend(got if isinstance(got, list) else [got])
        return out
    finally:
        site.close()

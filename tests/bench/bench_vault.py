"""Vault benchmarks (issue 2): puts and search at 100k records, SQLCipher vs stdlib sqlite3,
unlock overhead over the KDF, attachment import vs sha256sum."""
from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_common import median, metric, percentile

N_RECORDS = 100_000
FILL_BATCH = 2_000
PASS = "bench-passphrase-2026"
QUERIES = ["가명", "민지", "협박", "경찰", "피해자", "촬영물", "경찰서", "영상 삭제", "지원", "상담"]


def _value_pool(n: int = 400) -> list[tuple[str, dict, bool]]:
    from forms import load_registry
    from forms.examples import fake_values

    reg = load_registry()
    rng = random.Random(7)
    pool = []
    for i in range(n):
        form = reg.latest(["intake", "incident", "companion_session", "evidence",
                           "support_plan"][i % 5])
        pool.append((form.id, fake_values(form, rng, today=date(2026, 11, 1)), form.case_bound))
    return pool


def _fill(vault, pool, n: int) -> None:
    from desktop.vault import records
    from desktop.vault.store import transaction

    done = 0
    while done < n:
        with transaction(vault._conn):
            for i in range(done, min(n, done + FILL_BATCH)):
                form, values, _ = pool[i % len(pool)]
                records.put_record(vault._conn, vault._writer, form, 1, values,
                                   f"B-{i // 5:06d}")
        done += FILL_BATCH


def _timed_puts(put, pool, count: int) -> list[float]:
    times = []
    for i in range(count):
        form, values, _ = pool[i % len(pool)]
        t0 = time.perf_counter()
        put(form, values, f"P-{i // 5:05d}")
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _baseline_ratio(pool, folder: Path) -> float:
    """The same put path (records.put_record in one transaction each) on SQLCipher with
    the production settings and on stdlib sqlite3 with the same settings."""
    from crypto.kdf import CHEAP
    from desktop.vault import Vault, migrations, records
    from desktop.vault.records import Writer
    from desktop.vault.store import apply_settings, transaction

    count = 2000
    vault = Vault.create(folder / "ratio-home", "ratio", PASS, kdf=CHEAP)

    def put_cipher(form, values, case):
        with transaction(vault._conn):
            records.put_record(vault._conn, vault._writer, form, 1, values, case)

    plain = sqlite3.connect(str(folder / "plain.db"), isolation_level=None)
    apply_settings(plain)
    migrations.migrate(plain)
    writer = Writer("ratio", "bench-device")

    def put_plain(form, values, case):
        plain.execute("BEGIN IMMEDIATE")
        records.put_record(plain, writer, form, 1, values, case)
        plain.execute("COMMIT")

    os.sync()  # nothing else's writeback (the 500 MB attachment) in the middle of these fsyncs
    ratios = []
    for _ in range(5):
        t_cipher = sum(_timed_puts(put_cipher, pool, count))
        t_plain = sum(_timed_puts(put_plain, pool, count))
        ratios.append(t_cipher / t_plain)
    vault.lock()
    plain.close()
    return median(ratios)


def _unlock_overhead(home: Path) -> float:
    from crypto.kdf import derive
    from desktop.vault import Vault

    slot_params = _passphrase_params(home)
    diffs = []
    for _ in range(15):
        t0 = time.perf_counter()
        v = Vault.open(home, "bench", PASS)
        t1 = time.perf_counter()
        v.lock()
        salt = os.urandom(16)
        t2 = time.perf_counter()
        key = derive(PASS, salt, slot_params)
        t3 = time.perf_counter()
        if hasattr(key, "wipe"):
            key.wipe()
        diffs.append(((t1 - t0) - (t3 - t2)) * 1000)
    return median(diffs)


def _passphrase_params(home: Path):
    import json

    from crypto.kdf import Argon2Params

    [slots] = list(home.rglob("keyslots.json"))
    doc = json.loads(slots.read_text())
    for slot in doc.get("slots", []):
        kdf = slot.get("kdf") or {}
        if "memory_kib" in kdf:
            return Argon2Params(time_cost=kdf["time_cost"], memory_kib=kdf["memory_kib"],
                                parallelism=kdf["parallelism"])
    raise RuntimeError("no passphrase slot found")


def _attach_ratio(vault, folder: Path) -> float:
    src = folder / "big.bin"
    block = os.urandom(1 << 20)
    with open(src, "wb") as f:
        for i in range(500):
            f.write(block[i % 7:] + block[: i % 7])
    rid = vault.put_record("evidence", 1, {"note": "bench"}, case_code="ATT-1").id
    subprocess.run(["sha256sum", str(src)], capture_output=True, check=True)  # warm cache
    ratios = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(["sha256sum", str(src)], capture_output=True, check=True)
        t_sum = time.perf_counter() - t0
        t0 = time.perf_counter()
        att = vault.import_attachment(rid, src, "big.bin")
        t_imp = time.perf_counter() - t0
        vault.remove_attachment(att.id)
        ratios.append(t_imp / t_sum)
    src.unlink()
    return median(ratios)


def run() -> list[dict]:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    out = []
    with tempfile.TemporaryDirectory(prefix="dh-bench-") as tmp:
        folder = Path(tmp)
        pool = _value_pool()
        home = folder / "home"
        vault = Vault.create(home, "bench", PASS, kdf=CHEAP)
        _fill(vault, pool, N_RECORDS)
        # 100k records arrive over years, with idle time in between in which the app's
        # upkeep merges the search index (Vault.maintain); the fill gave it none.
        while vault.maintain(5.0):
            pass

        def put(form, values, case):
            vault.put_record(form, 1, values, case_code=case)

        times = _timed_puts(put, pool, 600)
        out.append(metric("vault.put_p50_ms", percentile(times, 50), "ms", "<=", 5))
        out.append(metric("vault.put_p99_ms", percentile(times, 99), "ms", "<=", 25))

        search_times = []
        for _ in range(10):
            for q in QUERIES:
                t0 = time.perf_counter()
                vault.search(q)
                search_times.append((time.perf_counter() - t0) * 1000)
        out.append(metric("vault.search_p95_ms", percentile(search_times, 95), "ms", "<=", 50))
        out.append(metric("vault.attach_vs_sha256sum_ratio", _attach_ratio(vault, folder),
                          "x", "<=", 3.0))
        vault.lock()
        out.append(metric("vault.unlock_overhead_ms", _unlock_overhead(home), "ms", "<=", 50))
        out.append(metric("vault.sqlcipher_vs_sqlite_ratio", _baseline_ratio(pool, folder),
                          "x", "<=", 3.2))
    return out

"""Vault benchmarks (issue 2; attach and SQLCipher figures redefined by issue 11). All go
through the Vault's public API. The 100k-record vault is filled once (Vault.put_records,
2000 per transaction, then the idle index merges of Vault.maintain) and cached under
build/bench/; each run works on a copy.

vault.put_p50_ms, vault.put_p99_ms  Vault.put_record on the 100k vault, 600 puts, each its
    own transaction with its fsync: wall-time percentiles, ms.                 <= 5, <= 25
vault.search_p95_ms  Vault.search, 10 queries x 10 rounds on the 100k vault, wall, ms. <= 50
vault.attach_vs_hashlib_ratio  wall time of Vault.import_attachment of a 500 MiB file
    (read, SHA-256 + MD5, AES-GCM, write, fsync, commit) over the wall time of the hashing
    the app must do in any case: SHA-256 then MD5 of each 1 MiB chunk of the same file, read
    once, in this process (hashlib). Page cache warm for both, writeback flushed before
    each import; median of 5 paired rounds' ratios.                                <= 1.5
vault.unlock_overhead_ms  Vault.open minus one KDF run with the vault's own parameters
    (median of 15 paired runs), ms.                                                 <= 50
vault.sqlcipher_vs_sqlite_ratio  process CPU time (user + system) of 2000
    Vault.put_record calls on a new SQLCipher vault over the same 2000 on a new vault whose
    connection is stdlib sqlite3 with the same PRAGMAs (the only change: store.connect);
    median of 5 interleaved rounds' ratios. CPU time, because the wall time of a put is
    mostly waiting on fsync, which is the disk's noise, not encryption's cost.     <= 3.2
vault.sqlcipher_vs_sqlite_wall_ratio  the same rounds' wall-time ratio (fsync included);
    informational: no target.
"""
from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from bench_common import (
    cached_fixture,
    median,
    metric,
    percentile,
    private_copy,
    source_key,
)

N_RECORDS = 100_000
FILL_BATCH = 2_000
PASS = "bench-passphrase-2026"
QUERIES = ["가명", "민지", "협박", "경찰", "피해자", "촬영물", "경찰서", "영상 삭제", "지원", "상담"]
ATTACH_MIB = 500
ATTACH_ROUNDS = 5
RATIO_PUTS = 2000
RATIO_ROUNDS = 5


def _value_pool(n: int = 400) -> list[tuple[str, dict]]:
    from forms import load_registry
    from forms.examples import fake_values

    reg = load_registry()
    rng = random.Random(7)
    pool = []
    for i in range(n):
        form = reg.latest(["intake", "incident", "companion_session", "evidence",
                           "support_plan"][i % 5])
        pool.append((form.id, fake_values(form, rng, today=date(2026, 11, 1))))
    return pool


def _build_100k(folder: Path) -> None:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    pool = _value_pool()
    vault = Vault.create(folder / "home", "bench", PASS, kdf=CHEAP)
    try:
        for start in range(0, N_RECORDS, FILL_BATCH):
            vault.put_records([(*pool[i % len(pool)][:1], 1, pool[i % len(pool)][1],
                                f"B-{i // 5:06d}")
                               for i in range(start, min(N_RECORDS, start + FILL_BATCH))])
        # 100k records arrive over years, with idle time in which the app's upkeep merges
        # the search index (Vault.maintain); the fill gave it none.
        while vault.maintain(5.0):
            pass
    finally:
        vault.lock()


def _home_100k() -> Path:
    key = source_key("desktop/vault", "forms", "tests/bench/bench_vault.py",
                     extra=f"{N_RECORDS}")
    return cached_fixture(f"vault-{N_RECORDS}", key, _build_100k) / "home"


def _timed_puts(vault, pool, count: int, prefix: str) -> list[float]:
    times = []
    for i in range(count):
        form, values = pool[i % len(pool)]
        t0 = time.perf_counter()
        vault.put_record(form, 1, values, case_code=f"{prefix}-{i // 5:05d}")
        times.append((time.perf_counter() - t0) * 1000)
    return times


# -- SQLCipher against stdlib sqlite3 ---------------------------------------------------------

@contextmanager
def _stdlib_sqlite():
    """While active, vaults are created and opened on stdlib sqlite3 (unencrypted, no
    memory security, SQLite's default lookaside) with the production PRAGMAs: the vault
    modules' `connect` (desktop.vault.store.connect, wherever it was imported) is swapped
    for one that opens such a connection. Everything above the connection is the same."""
    import sqlite3

    from desktop.vault import store

    real = store.connect

    def plain(path, data_key, *, create: bool = False):
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                               timeout=store.BUSY_TIMEOUT_MS / 1000)
        store.apply_settings(conn)
        return conn

    mods = [m for name, m in list(sys.modules.items())
            if name.startswith("desktop.vault") and getattr(m, "connect", None) is real]
    for m in mods:
        m.connect = plain
    try:
        yield
    finally:
        for m in mods:
            m.connect = real


def _cipher_vs_plain(pool, folder: Path) -> tuple[float, float, str]:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    cipher = Vault.create(folder / "cipher-home", "ratio", PASS, kdf=CHEAP)
    with _stdlib_sqlite():
        plain = Vault.create(folder / "plain-home", "ratio", PASS, kdf=CHEAP)
    for name, home, plain_text in (("cipher", "cipher-home", False), ("plain", "plain-home", True)):
        [db] = (folder / home).rglob("vault.db")
        with open(db, "rb") as fh:  # the swap must hold, and only for the baseline
            if (fh.read(16) == b"SQLite format 3\0") != plain_text:
                raise RuntimeError(f"the {name} vault's database is not what it should be")

    def timed(vault, r: int) -> tuple[float, float]:
        c0, t0 = time.process_time(), time.perf_counter()
        _timed_puts(vault, pool, RATIO_PUTS, f"R{r}")
        return time.process_time() - c0, time.perf_counter() - t0

    os.sync()  # nothing else's writeback (the attachments) in the middle of these fsyncs
    cpu, wall, raw = [], [], []
    for r in range(RATIO_ROUNDS):
        c_cpu, c_wall = timed(cipher, r)
        p_cpu, p_wall = timed(plain, r)
        cpu.append(c_cpu / p_cpu)
        wall.append(c_wall / p_wall)
        raw.append(f"{c_cpu:.2f}/{p_cpu:.2f} s cpu, {c_wall:.2f}/{p_wall:.2f} s wall")
    cipher.lock()
    plain.lock()
    return median(cpu), median(wall), "; ".join(raw)


# -- attachment import against the hashing ----------------------------------------------------

def _hash_read_once(path: Path) -> None:
    """What the app cannot avoid: SHA-256 then MD5 of each chunk, the file read once."""
    sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    with open(path, "rb") as f:
        while n := f.readinto(buf):
            sha.update(view[:n])
            md5.update(view[:n])


def _attach_ratio(vault, folder: Path) -> tuple[float, str]:
    src = folder / "big.bin"
    block = os.urandom(1 << 20)
    with open(src, "wb") as f:
        for i in range(ATTACH_MIB):
            f.write(block[i % 7:] + block[: i % 7])
    rid = vault.put_record("evidence", 1, {"note": "bench"}, case_code="ATT-1").id
    _hash_read_once(src)  # page cache warm for both sides
    ratios, raw = [], []
    for _ in range(ATTACH_ROUNDS):
        t0 = time.perf_counter()
        _hash_read_once(src)
        t_hash = time.perf_counter() - t0
        os.sync()  # the previous import's writeback is not this one's
        t0 = time.perf_counter()
        att = vault.import_attachment(rid, src, "big.bin")
        t_imp = time.perf_counter() - t0
        vault.remove_attachment(att.id)
        ratios.append(t_imp / t_hash)
        raw.append(f"{t_imp:.2f}/{t_hash:.2f} s")
    src.unlink()
    return median(ratios), "; ".join(raw)


# -- unlock ----------------------------------------------------------------------------------

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


def run() -> list[dict]:
    from desktop.vault import Vault

    out = []
    pool = _value_pool()
    home, cleanup = private_copy(_home_100k(), "dh-bench-vault-")
    folder = home.parent
    try:
        vault = Vault.open(home, "bench", PASS)
        times = _timed_puts(vault, pool, 600, "P")
        how = f"Vault.put_record, 600 puts at {N_RECORDS:,} records, each its own transaction (fsync)"
        out.append(metric("vault.put_p50_ms", percentile(times, 50), "ms", "<=", 5,
                          f"{how}: wall p50"))
        out.append(metric("vault.put_p99_ms", percentile(times, 99), "ms", "<=", 25,
                          f"{how}: wall p99"))
        search_times = []
        for _ in range(10):
            for q in QUERIES:
                t0 = time.perf_counter()
                vault.search(q)
                search_times.append((time.perf_counter() - t0) * 1000)
        out.append(metric("vault.search_p95_ms", percentile(search_times, 95), "ms", "<=", 50,
                          f"Vault.search at {N_RECORDS:,} records, {len(QUERIES)} queries x 10: wall p95"))
        ratio, raw = _attach_ratio(vault, folder)
        out.append(metric(
            "vault.attach_vs_hashlib_ratio", ratio, "x", "<=", 1.5,
            f"wall of Vault.import_attachment of a {ATTACH_MIB} MiB file (fsync included) over "
            "wall of SHA-256 then MD5 (hashlib, 1 MiB chunks) of the same file read once "
            f"in-process; page cache warm; median of {ATTACH_ROUNDS} paired ratios", raw))
        vault.lock()
        out.append(metric("vault.unlock_overhead_ms", _unlock_overhead(home), "ms", "<=", 50,
                          "Vault.open minus one KDF run with the slot's parameters: "
                          "median of 15 paired runs"))
        cpu, wall, raw = _cipher_vs_plain(pool, folder)
        how = (f"{RATIO_PUTS} Vault.put_record (own transaction each) on a new SQLCipher vault "
               "over the same on a new vault on stdlib sqlite3 with the same PRAGMAs; "
               f"median of {RATIO_ROUNDS} interleaved rounds' ratios")
        out.append(metric("vault.sqlcipher_vs_sqlite_ratio", cpu, "x", "<=", 3.2,
                          f"process CPU time (user+sys): {how}", raw))
        out.append(metric("vault.sqlcipher_vs_sqlite_wall_ratio", wall, "x", "<=", None,
                          f"wall time (fsync waits included): {how}"))
    finally:
        cleanup()
    return out

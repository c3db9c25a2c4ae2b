"""A large desk vault for `desk.case_list_full_ms`: 100,000 cases of 50 workers in 5 teams,
as a desk holds them after pulling the organisation's cases. Each worker's 2,000 cases
(an intake record each, with a Korean name and a narrative, as ui_bench_vault.py makes
them) are written in a real vault of that worker through the vault's `put_records`; the
changes that vault would send (`unfrozen_changes`) are then applied on the desk through
its own `apply_pulled`, as a pull applies them (the opener stands in for the decryption:
no server, no sealing — `desk.pull_10k_s` measures those), so the desk's cases carry
their authors, ids and change log as pulled cases do. The desk vault is enrolled with
role "desk" (an enrollment row naming no server that answers: the benchmark never
syncs), holds an organisation key and the team map a round would have stored
(desktop/vault/teams.py).

Cached under build/bench/ (rebuilt when the vault's, the sync parts' or this file's code
changes); the benchmark works on a copy."""
from __future__ import annotations

import json
import os
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import cached_fixture, source_key  # noqa: E402 (beside this file)
from ui_bench_vault import _intake  # noqa: E402

DESK = "센터데스크"
PASSPHRASE = "bench passphrase for the desk 2026"
WORKERS, PER_WORKER, TEAMS = 50, 2_000, 5
FORMAT = 1  # bump when the content changes, so an old cache is rebuilt


def worker_name(i: int) -> str:
    return f"활동가{i:02d}"


def team_of(i: int) -> str:
    return f"{i % TEAMS + 1}팀"


def _enrollment(device_id: str) -> dict:
    return {"server_url": "https://127.0.0.1:9", "tls_sha256": "0" * 64,
            "server_epoch": "bench", "device_id": device_id, "worker": DESK, "team": None,
            "role": "desk", "fingerprint": "BENCH-DESK", "signing_key": os.urandom(32),
            "sealing_key": os.urandom(32), "routing_key": os.urandom(32),
            "receipt_key": os.urandom(32), "org_keys": "{}", "enrolled_at":
            "2026-12-06T00:00:00Z"}


def build(folder: Path, workers: int = WORKERS, per_worker: int = PER_WORKER) -> None:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault, teams

    desk = Vault.create(folder / "home", DESK, PASSPHRASE, kdf=CHEAP)
    try:
        desk.save_enrollment(_enrollment(desk.device_id))
        desk.store_desk_key("bench-key", os.urandom(32), "bench")
        seq = 0
        for w in range(workers):
            name = worker_name(w)
            scratch = folder / f"w{w:02d}"
            lap = Vault.create(scratch, name, PASSPHRASE, kdf=CHEAP)
            rng = random.Random(w)
            try:
                lap.put_records([("intake", 1, _intake(rng, i), f"W{w:02d}-2026-{i:04d}")
                                 for i in range(1, per_worker + 1)])
                outs = lap.unfrozen_changes(10 * per_worker)
            finally:
                lap.lock()
            shutil.rmtree(scratch)
            by_id = {o.change.change_id: o for o in outs}

            def opener(body: bytes, _held, by_id=by_id):
                o = by_id[body.decode()]
                return ({"change_id": o.change.change_id, "device_id": o.change.device_id,
                         "device_seq": o.change.device_seq, "op": o.op},
                        json.loads(json.dumps(o.content)), "", None)
            page = 1000
            for start in range(0, len(outs), page):
                items = [(seq + k + 1, o.change.change_id.encode(), name)
                         for k, o in enumerate(outs[start:start + page])]
                seq += len(items)
                counts = desk.apply_pulled(items, seq, opener)
                assert set(counts) == {"applied"}, counts
        teams.store(desk, {worker_name(w): team_of(w) for w in range(workers)})
        while desk.maintain(5.0):  # the idle merges a vault filled over time has had
            pass
    finally:
        desk.lock()


def sizes() -> tuple[int, int]:
    """(workers, cases per worker) of the cached vault."""
    return WORKERS, PER_WORKER


def cached_home() -> Path:
    """build/bench/desk-list-<key>/home: the desk vault (use a copy: bench_common.private_copy)."""
    key = source_key("desktop/vault", "forms", "tests/bench/desk_bench_vault.py",
                     "tests/bench/ui_bench_vault.py",
                     extra=f"{WORKERS}x{PER_WORKER}/{FORMAT}")
    return cached_fixture("desk-list", key, lambda folder: build(folder, WORKERS, PER_WORKER)) \
        / "home"


if __name__ == "__main__":
    import time

    t = time.perf_counter()
    print(cached_home(), round(time.perf_counter() - t, 1), "s")

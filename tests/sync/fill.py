"""A worker vault filled for the sync fault tests and benchmarks: N intake records in
cases of ten, and files of given sizes attached to the first records, built through the
vault's public calls (put_records, import_attachment) with cheap KDF parameters so that
the CLI opens it in milliseconds."""
from __future__ import annotations

import os
import random
from pathlib import Path

from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop

CHANNELS = ("phone", "visit", "online")
AREAS = ("investigation", "legal", "medical", "psychological", "deletion")


def _intake(rng: random.Random, i: int) -> dict:
    return {"client_name": f"피해자{i:05d}", "channel": rng.choice(CHANNELS),
            "summary": f"버스 상담 {i}번: 사진 삭제를 원함, 경찰 동행 예정",
            "support_areas": rng.sample(AREAS, 2)}


def _random_file(path: Path, size: int, rng: random.Random) -> None:
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(left, 1 << 20)
            f.write(rng.randbytes(n))
            left -= n


def filled_laptop(folder: Path, worker: str, records: int, file_sizes: list[int],
                  seed: int = 13) -> Laptop:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    home = folder / "home"
    rng = random.Random(seed)
    v = Vault.create(home, worker, LAPTOP_PASSPHRASE, kdf=CHEAP)
    try:
        refs = v.put_records([("intake", 1, _intake(rng, i), f"F-{i // 10:05d}")
                              for i in range(records)])
        for n, size in enumerate(file_sizes):
            src = folder / f"evidence-{n}.bin"
            _random_file(src, size, rng)
            v.import_attachment(refs[n].id, src, f"evidence-{n}.bin")
            os.unlink(src)
    finally:
        v.lock()
    return Laptop(home, worker)

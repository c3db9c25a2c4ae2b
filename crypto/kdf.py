"""Argon2id key derivation for passphrase keyslots, and calibration of its cost."""
from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from crypto.secret import SecretBytes

SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int
    memory_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        if self.time_cost < 1 or self.parallelism < 1 or self.memory_kib < 8 * self.parallelism:
            raise ValueError(f"invalid Argon2 parameters: {self}")

    def to_dict(self) -> dict:
        return {"time_cost": self.time_cost, "memory_kib": self.memory_kib,
                "parallelism": self.parallelism}

    @classmethod
    def from_dict(cls, d: dict) -> Argon2Params:
        return cls(int(d["time_cost"]), int(d["memory_kib"]), int(d["parallelism"]))


# For tests and benchmarks only: derivation in well under a millisecond.
CHEAP = Argon2Params(time_cost=1, memory_kib=8, parallelism=1)

# A floor below which a real vault is never created, whatever calibration measured.
MIN_REAL = Argon2Params(time_cost=2, memory_kib=65536, parallelism=1)


def derive(passphrase: str | bytes, salt: bytes, params: Argon2Params,
           length: int = KEY_BYTES) -> SecretBytes:
    """Argon2id(passphrase, salt) -> a SecretBytes of `length` bytes."""
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
    raw = hash_secret_raw(secret, salt, params.time_cost, params.memory_kib,
                          params.parallelism, length, Type.ID)
    return SecretBytes(raw)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def time_derivation(params: Argon2Params, repeats: int = 1) -> float:
    """Fastest wall time of `repeats` derivations with `params` (seconds)."""
    salt = new_salt()
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        derive(b"calibration", salt, params).wipe()
        best = min(best, time.perf_counter() - t0)
    return best


def calibrate(min_seconds: float = 0.5, min_memory_kib: int = 65536,
              parallelism: int = 1, margin: float = 1.25) -> Argon2Params:
    """Parameters costing at least `min_seconds` and `min_memory_kib` on this machine.

    Memory is fixed at the floor and passes are added until one derivation takes
    `min_seconds * margin`. Timings take the fastest of several runs, so a machine that is
    busy while calibrating does not produce parameters that are too cheap once it is idle;
    the margin covers the remaining noise (a CPU turbo step, a quieter neighbour).
    Parallelism stays 1 by default: lanes do not help a worker's 2-core laptop much, and
    one lane gives the same cost wherever the vault is later opened.
    """
    memory = max(min_memory_kib, MIN_REAL.memory_kib)
    target = min_seconds * margin
    per_pass = time_derivation(Argon2Params(1, memory, parallelism), repeats=3)
    t = max(MIN_REAL.time_cost, math.ceil(target / max(per_pass, 1e-6)))
    while True:
        params = Argon2Params(t, memory, parallelism)
        if time_derivation(params, repeats=2) >= target:
            return params
        t += max(1, t // 4)

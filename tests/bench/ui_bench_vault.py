"""A large vault for the UI benchmarks and the stall test: N cases, each with an intake
record carrying a Korean name and a narrative, plus an incident record for every fifth case
(so the filters have facets). Built with cheap KDF parameters through the vault's public
`put_records` (one transaction per 5000 records: one per record would spend minutes in
fsync), and cached under build/bench/ between runs because 100k records still take a few
minutes under SQLCipher's memory security; the cache is rebuilt when the vault's or the
forms' code changes (a vault made by other code is not what today's code would make)."""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import cached_fixture, source_key  # noqa: E402 (beside this file)

WORKER = "bench"
PASSPHRASE = "bench passphrase for the ui 2026"
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ("민지", "수아", "서연", "지우", "하은", "도윤", "시우", "예준", "서준", "하준", "지호",
         "유나", "채원", "지민", "다은", "은서", "예린", "수빈", "지안", "윤서")
PLACES = ("학교 앞", "공원", "지하철역", "PC방", "학원가", "버스 정류장", "청소년센터")
CRIMES = ("illegal_filming", "nonconsensual_distribution", "sextortion", "deepfake",
          "online_grooming")
AREAS = ("investigation", "legal", "medical", "psychological", "deletion")
FORMAT = 2  # bump when the content changes, so an old cache is rebuilt


def _intake(rng: random.Random, i: int) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return {"client_name": name, "channel": "phone",
            "summary": f"{rng.choice(PLACES)}에서 연락. 피해자는 사진 삭제를 원함 ({i})",
            "support_areas": rng.sample(AREAS, 2)}


def build(home: Path, cases: int, seed: int = 7) -> None:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    v = Vault.create(home, WORKER, PASSPHRASE, kdf=CHEAP)
    rng = random.Random(seed)
    try:
        def items(start, stop):
            for i in range(start, stop):
                code = f"B-{i:06d}"
                yield "intake", 1, _intake(rng, i), code
                if i % 5 == 0:
                    yield "incident", 1, {"crime_types": [rng.choice(CRIMES)]}, code
        step = 5000
        for start in range(0, cases, step):
            v.put_records(list(items(start, min(cases, start + step))))
        while v.maintain(5.0):  # the idle merges a vault filled over years has had
            pass
    finally:
        v.lock()


def cached_home(cases: int) -> Path:
    """The cached home holding the bench vault (build/bench/ui-<cases>-<key>/home). The
    benchmarks that write to it use a copy (bench_common.private_copy)."""
    key = source_key("desktop/vault", "forms", "tests/bench/ui_bench_vault.py",
                     extra=f"{cases}/{FORMAT}")
    return cached_fixture(f"ui-{cases}", key, lambda folder: build(folder / "home", cases)) \
        / "home"


if __name__ == "__main__":
    import time

    t = time.perf_counter()
    print(cached_home(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000),
          round(time.perf_counter() - t, 1), "s")

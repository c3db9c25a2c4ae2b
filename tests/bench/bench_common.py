"""Shared pieces of the benchmark harness: a metric record and robust summaries.

Every `bench_<area>.py` module beside this file exposes `run() -> list[dict]`, each dict made
by `metric()`. `run.py` collects them into bench-results.json and prints a table.
"""
from __future__ import annotations

import statistics


def metric(name: str, value: float, unit: str, op: str, target: float) -> dict:
    ok = value <= target if op == "<=" else value >= target
    return {"name": name, "value": round(value, 3), "unit": unit,
            "target": f"{op} {target}", "ok": bool(ok)}


def median(values) -> float:
    return float(statistics.median(values))


def percentile(values, pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100.0
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)

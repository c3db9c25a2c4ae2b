"""`make bench`: run every tests/bench/bench_*.py, write bench-results.json, print a table;
exit 1 if any figure misses its target (or a module fails), else 0.

Each module runs in its own subprocess so one area's memory (100k-record vaults, Qt) does
not distort another's, and a crash in one is reported without losing the others.
`run.py bench_vault bench_ui` runs only those modules (and rewrites the file with their
rows only).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
from bench_common import metric  # noqa: E402 (beside this file, not a package)


def run_module(path: Path) -> list[dict]:
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import importlib; "
        f"m = importlib.import_module({path.stem!r}); print('@@RESULT@@' + json.dumps(m.run()))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    print(f"  {path.stem}: {time.monotonic() - t0:.0f} s", flush=True)
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@"):])
    sys.stderr.write(f"{path.name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}\n")
    row = metric(f"{path.stem}.failed", proc.returncode, "exit", "<=", 0,
                 f"the module {path.name} gave no figures (crashed or printed none)")
    row["ok"] = False  # even with exit 0: no figures is a failure
    return [row]


def _areas(stems: list[str]) -> tuple[str, ...]:
    return tuple(f"{stem.removeprefix('bench_')}." for stem in stems) + \
        tuple(f"{stem}." for stem in stems)


def main(argv: list[str]) -> int:
    only = set(argv)
    results: list[dict] = []
    ran: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if path.stem == "bench_common" or (only and path.stem not in only):
            continue
        print(f"running {path.stem} ...", flush=True)
        results.extend(run_module(path))
        ran.append(path.stem)
    out = ROOT / "bench-results.json"
    rows = results
    if only and out.exists():
        # A partial run replaces only its own areas' rows (vault.* for bench_vault, ...).
        areas = _areas(ran)
        kept = [r for r in json.loads(out.read_text()) if not r["name"].startswith(areas)]
        rows = sorted(kept + results, key=lambda r: r["name"])
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    width = max((len(r["name"]) for r in results), default=10)
    print(f"\n{'name':<{width}}  {'value':>10}  {'unit':<6}  {'target':<10}  ok")
    for r in results:
        print(f"{r['name']:<{width}}  {r['value']:>10}  {r['unit']:<6}  {r['target']:<10}  "
              f"{'yes' if r['ok'] else 'NO'}")
    missed = [r["name"] for r in results if not r["ok"]]
    if missed:
        print(f"\n{len(missed)} of {len(results)} figures miss their target: "
              + ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

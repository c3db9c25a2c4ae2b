"""`make bench`: run every tests/bench/bench_*.py, write bench-results.json, print a table.

Each module runs in its own subprocess so one area's memory (100k-record vaults, Qt) does
not distort another's, and a crash in one is reported without losing the others.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def run_module(path: Path) -> list[dict]:
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import importlib; "
        f"m = importlib.import_module({path.stem!r}); print('@@RESULT@@' + json.dumps(m.run()))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@"):])
    sys.stderr.write(f"{path.name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}\n")
    return [{"name": f"{path.stem}.failed", "value": proc.returncode, "unit": "exit",
             "target": "== 0", "ok": False}]


def main(argv: list[str]) -> int:
    only = set(argv)
    results: list[dict] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if path.stem == "bench_common" or (only and path.stem not in only):
            continue
        print(f"running {path.stem} ...", flush=True)
        results.extend(run_module(path))
    out = ROOT / "bench-results.json"
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    width = max((len(r["name"]) for r in results), default=10)
    print(f"\n{'name':<{width}}  {'value':>10}  {'unit':<6}  {'target':<10}  ok")
    for r in results:
        print(f"{r['name']:<{width}}  {r['value']:>10}  {r['unit']:<6}  {r['target']:<10}  "
              f"{'yes' if r['ok'] else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

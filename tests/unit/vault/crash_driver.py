"""Crash driver: fork a child that writes to a vault, SIGKILL it at a random moment,
then check that everything the child reported as committed is there and that the vault
checks clean. Run by test_vault_crash.py in a fresh process (forking a multi-threaded test
runner is unsafe); prints one JSON summary line.

    crash_driver.py HOME MODE KILLS SEED
    MODE: "mixed" (records, updates, deletes, attachments, drafts, passphrase changes)
          "passwd" (passphrase changes only)

The child writes one line per committed operation to its stdout pipe, right after the
API call returns (os.write: unbuffered, so a line is out before the next operation):
    R <record id> <tag>          put_record committed, values carry the tag
    U <record id> <version> <tag>
    D <record id>
    A <attachment id> <sha256>
    P? <passphrase>              about to change the passphrase
    P <passphrase>               change_passphrase returned
and "O" once the vault is open. Most kills land a random moment after "O", some during
the child's own unlock.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import secrets
import select
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from crypto.kdf import CHEAP  # noqa: E402
from desktop.vault import Vault, WrongPassphrase  # noqa: E402

WORKER = "충돌 시험"


def child(home: Path, passphrase: str, mode: str, seed: int, out: int) -> None:
    rng = random.Random(seed)

    def say(line: str) -> None:
        os.write(out, (line + "\n").encode())

    v = Vault.open(home, WORKER, passphrase)
    say("O")
    mine: list[str] = []
    versions: dict[str, int] = {}
    while True:
        roll = rng.random() if mode == "mixed" else 0.95
        if roll < 0.45 or not mine:
            tag = secrets.token_hex(6)
            rid = v.put_record("intake", 1, {"tag": tag, "memo": "기록 " * rng.randint(1, 40)},
                               case_code=f"K-{rng.randint(1, 5)}").id
            mine.append(rid)
            versions[rid] = 1
            say(f"R {rid} {tag}")
        elif roll < 0.6:
            rid = rng.choice(mine)
            tag = secrets.token_hex(6)
            ref = v.update_record(rid, {"tag": tag, "memo": "수정"})
            versions[rid] = ref.version
            say(f"U {rid} {ref.version} {tag}")
        elif roll < 0.65:
            rid = mine.pop(rng.randrange(len(mine)))
            v.delete_record(rid, "crash test")
            say(f"D {rid}")
        elif roll < 0.82:
            data = os.urandom(rng.randint(0, 120_000))
            a = v.import_attachment(rng.choice(mine), io.BytesIO(data), "f.bin",
                                    field=rng.choice([None, "attachment"]))
            say(f"A {a.id} {hashlib.sha256(data).hexdigest()}")
        elif roll < 0.9:
            v.save_draft(f"d{rng.randint(1, 3)}", {"memo": "초안", "n": rng.random()})
        else:
            new = f"pw-{secrets.token_hex(4)}"
            say(f"P? {new}")
            v.change_passphrase(passphrase, new)
            passphrase = new
            say(f"P {new}")


def verify(home: Path, candidates: list[str], state: dict, fresh: set[str],
           rng: random.Random) -> tuple[str, list[str]]:
    problems = []
    v = None
    for pw in candidates:
        try:
            v = Vault.open(home, WORKER, pw)
            break
        except WrongPassphrase:
            continue
    if v is None:
        return candidates[0], [f"no passphrase opens the vault: {candidates}"]
    try:
        stored = {(rid, ver): vals for rid, ver, vals in v._conn.execute(
            "SELECT record_id, version, vals FROM record_versions")}
        for rid, (version, tag) in state["records"].items():
            vals = stored.get((rid, version))
            if vals is None or json.loads(vals).get("tag") != tag:
                problems.append(f"record {rid} v{version} missing or wrong")
        for rid in state["deleted"]:
            if not v.get_record(rid).deleted:
                problems.append(f"record {rid} should be deleted")
        rows = dict(v._conn.execute("SELECT id, sha256 FROM attachments"))
        for att_id, sha in state["attachments"].items():
            if rows.get(att_id) != sha:
                problems.append(f"attachment {att_id}: row missing or wrong hash")
        # check() proves every file is there at its exact size; read back the new ones
        # and a sample of the old ones through the full decrypt-and-hash path.
        sample = set(rng.sample(sorted(rows), min(3, len(rows)))) | (fresh & set(rows))
        for att_id in sample:
            h = hashlib.sha256()
            try:
                for chunk in v.read_attachment(att_id):
                    h.update(chunk)
                if h.hexdigest() != rows[att_id]:
                    problems.append(f"attachment {att_id}: content differs")
            except Exception as exc:  # noqa: BLE001 - reported as a problem
                problems.append(f"attachment {att_id}: {exc}")
        problems += [str(i) for i in v.check()]
        leftovers = [p.name for p in v.paths.folder.iterdir() if ".tmp-" in p.name]
        if leftovers:
            problems.append(f"temp files left after open: {leftovers}")
        return pw, problems
    finally:
        v.lock()


def main() -> int:
    home, mode, kills, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    passphrase = "crash-start"
    Vault.create(home, WORKER, passphrase, kdf=CHEAP).lock()
    state = {"records": {}, "deleted": set(), "attachments": {}}
    problems: list[str] = []
    lines_seen = interrupted = 0
    max_delay = 0.08 if mode == "mixed" else 0.02
    t0 = time.monotonic()
    for i in range(kills):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: never returns
            os.close(r)
            try:
                child(home, passphrase, mode, seed * 1000 + i, w)
            except BaseException as exc:  # noqa: BLE001
                os.write(w, f"E {type(exc).__name__}: {exc}\n".encode())
            os._exit(3)
        os.close(w)
        head = b""
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.0, 0.03))  # during the child's unlock
        else:
            if select.select([r], [], [], 10)[0]:
                head = os.read(r, 2)  # "O\n": the vault is open
            time.sleep(rng.uniform(0.0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(r, "rb") as f:
            text = (head + f.read()).decode()
        pending = None
        fresh = set()
        for line in text.splitlines():
            kind, *rest = line.split(" ", 1)
            args = rest[0].split(" ") if rest else []
            lines_seen += 1
            if kind == "O":
                continue
            if kind == "R":
                state["records"][args[0]] = (1, args[1])
            elif kind == "U":
                state["records"][args[0]] = (int(args[1]), args[2])
            elif kind == "D":
                state["deleted"].add(args[0])
            elif kind == "A":
                state["attachments"][args[0]] = args[1]
                fresh.add(args[0])
            elif kind == "P?":
                pending = args[0]
            elif kind == "P":
                passphrase, pending = args[0], None
            elif kind == "E":
                problems.append(f"kill {i}: child error {rest}")
        interrupted += pending is not None
        candidates = [passphrase] + ([pending] if pending else [])
        passphrase, found = verify(home, candidates, state, fresh, rng)
        problems += [f"kill {i}: {p}" for p in found]
        if problems:
            break
    print(json.dumps({"kills": i + 1, "lines": lines_seen, "interrupted_changes": interrupted,
                      "records": len(state["records"]),
                      "attachments": len(state["attachments"]), "problems": problems[:20],
                      "seconds": round(time.monotonic() - t0, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Vaults for the statistics tests: real vaults with records of the real forms, and records
of a second worker brought in the way a pull brings them (the vault's own apply_pulled;
the opener stands in for the decryption of sealed changes, which is not under test)."""
from __future__ import annotations

import json
from pathlib import Path

from crypto.kdf import CHEAP
from desktop.vault import Vault
from forms import load_registry

PASS = "통계 시험 금고 암호 2026 봄날"
REGISTRY = load_registry()
CANARY = "CANARYq7Zx"
CANARY_DATE = "1987-11-23"  # a sensitive date: not even its month may come out


def new_vault(home: Path, worker: str) -> Vault:
    home.mkdir(parents=True, exist_ok=True)
    return Vault.create(home, worker, PASS, kdf=CHEAP)


def changes_of(source: Vault) -> list:
    """Every change `source` made (what its first sync would send)."""
    return source.unfrozen_changes(100_000)


def apply_as_pulled(outs: list, target: Vault, author: str, start: int = 0) -> dict:
    """`outs` applied on `target` as pulled from `author`'s laptop."""
    by_id = {o.change.change_id: o for o in outs}

    def opener(body: bytes, _held):
        o = by_id[body.decode()]
        return ({"change_id": o.change.change_id, "device_id": o.change.device_id,
                 "device_seq": o.change.device_seq, "op": o.op},
                json.loads(json.dumps(o.content)), "", None)
    items = [(start + i + 1, o.change.change_id.encode(), author) for i, o in enumerate(outs)]
    return target.apply_pulled(items, start + len(items), opener)


def deliver(source: Vault, target: Vault, author: str, start: int = 0) -> dict:
    return apply_as_pulled(changes_of(source), target, author, start)


def canaries(form_id: str) -> dict:
    """A value in every identifying and sensitive text and date field of the form: none
    of them may reach an export."""
    form = REGISTRY.latest(form_id)
    out: dict = {}
    for f in form.top_fields:
        if f.classification == "statistic" or f.fields:
            continue
        if f.type in ("text", "longtext", "phone", "email"):
            out[f.id] = f"{CANARY}-{f.id}"
        elif f.type in ("date", "birthdate"):
            out[f.id] = CANARY_DATE
    return out


def intake(vault: Vault, gender: str, *, areas=("legal",), district="mapo",
           month="2026-03") -> None:
    code = vault.create_case().code
    vault.put_record("intake", 1, {**canaries("intake"), "intake_date": f"{month}-14",
                                   "gender": gender, "support_areas": list(areas),
                                   "district": district}, case_code=code)


def outreach(vault: Vault, district: str, **extra) -> None:
    vault.put_record("outreach_contact", 1, {**canaries("outreach_contact"),
                                             "district": district, **extra})

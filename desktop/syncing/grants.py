"""Grants in a round: opening pulled changes (with this device's key, else a key granted
to this vault), sharing a case with a teammate, and giving the worker's newly enrolled
laptops the keys of what was sealed before they existed (desktop/vault/grants.py holds
the keys; docs/sync.md, "Shares and a worker's next laptop").
"""
from __future__ import annotations

import json
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.errors import UserError
from desktop.syncing.progress import Progress
from sync.client import sealing
from sync.protocol import ProtocolError, SealedChange, from_json, key_id


class Opener:
    """Opens pulled changes for the vault (desktop.vault.sync_part.Opener) and notes the
    cases shared with this worker, whose history is then pulled (a backfill)."""

    def __init__(self, private: X25519PrivateKey, worker: str,
                 org_private: X25519PrivateKey | None = None):
        # a desk also holds the organisation's key, to which every change is sealed
        self.privates = [private] + ([org_private] if org_private is not None else [])
        self._ids = [key_id(sealing.raw_public(p)) for p in self.privates]
        self.worker = worker
        self.shared_cases: set[str] = set()
        # changes a pulled page already decoded, by their canonical bytes (the vault
        # hands the opener bytes: what the inbox keeps)
        self.decoded: dict[bytes, SealedChange] = {}
        # batch keys opened so far (sync.client.sealing): one HPKE operation per batch
        self._batch_keys: dict[bytes, bytes] = {}

    def _content_key(self, change: SealedChange) -> bytes | None:
        for private, mine in zip(self.privates, self._ids, strict=True):
            try:
                return sealing.content_key(change, private, mine, self._batch_keys)
            except sealing.NotARecipient:
                continue
        return None

    def __call__(self, body: bytes, held: Callable[[str], bytes | None]
                 ) -> tuple[dict, dict | None, str, bytes | None]:
        change = self.decoded.pop(body, None) or from_json(SealedChange, body)
        header = {"change_id": change.change_id, "device_id": change.device_id,
                  "device_seq": change.device_seq, "op": change.op}
        key: bytes | None
        try:
            key = self._content_key(change) or held(change.change_id)
        except (sealing.Tampered, ValueError):
            return header, None, "does not open (altered in transit or storage?)", None
        if key is None:
            return header, None, "not sealed to this laptop (waiting for a grant)", None
        try:
            content = json.loads(sealing.open_with_key(change, key))
        except (sealing.Tampered, ValueError, ProtocolError):
            return header, None, "does not open (altered in transit or storage?)", None
        if not isinstance(content, dict):
            return header, None, "does not open (not a change)", None
        if change.op == "share" and change.case_token and \
                content.get("worker") == self.worker and content.get("by") != self.worker:
            self.shared_cases.add(change.case_token)
        return header, content, "", key


def grant_new_devices(vault, tr, keys, worker: str, progress: Progress) -> int:
    """Shares every key this vault holds with the worker's laptops enrolled since the last
    round (they cannot open what was sealed before them). Returns the shares made."""
    own = tr.recipients([]).own
    mine = key_id(sealing.raw_public(keys.sealing_private))
    ids = {k.key_id for k in own} - {mine}
    known_text = vault.sync_state("granted_devices")
    if known_text is None:
        # the first round: everything still to be sealed is sealed to these devices
        vault.set_sync_state({"granted_devices": json.dumps(sorted(ids))})
        return 0
    new = ids - set(json.loads(known_text))
    made = 0
    if new:
        for case_id in vault.cases_with_keys():
            held = vault.held_keys(case_id)
            if held:
                made += len(vault.new_shares(case_id, worker, held))
        if made:
            progress(f"{worker} 님의 새 노트북 {len(new)}대에 열쇠 공유 {made}건",
                     f"granting {made} shares to {len(new)} new laptop(s) of {worker}")
        vault.set_sync_state({"granted_devices": json.dumps(sorted(ids))})
    return made


def to_backfill(vault, tokens: set[str]) -> list[str]:
    done = set(json.loads(vault.sync_state("backfilled") or "[]"))
    return sorted(tokens - done)


def backfilled(vault, token: str) -> None:
    done = set(json.loads(vault.sync_state("backfilled") or "[]"))
    vault.set_sync_state({"backfilled": json.dumps(sorted(done | {token}))})


def share_case(vault, tr, code: str, worker: str) -> int:
    """Outbox shares granting the case's keys to `worker` (sent by the caller's next
    round). The case must be this vault's and the worker must have a laptop enrolled."""
    case = vault.get_case(code)
    if case is None:
        raise UserError(f"사례를 찾을 수 없습니다: {code}", f"no such case: {code}")
    enrollment = vault.sync_enrollment()
    if enrollment is not None and worker == enrollment["worker"]:
        raise UserError("자신과는 공유할 수 없습니다 (내 다른 노트북은 자동으로 받습니다)",
                        "a case is not shared with oneself (your other laptops get it"
                        " anyway)")
    devices = tr.recipients([], [worker]).workers.get(worker, [])
    if not devices:
        raise UserError(f"{worker} 님은 등록된 노트북이 없습니다; 먼저 등록하세요",
                        f"{worker} has no enrolled laptop yet; enroll one first")
    held = vault.held_keys(case.id)
    if not held:
        raise UserError("이 사례는 아직 서버로 보내지 않았습니다; 먼저 동기화하세요",
                        "nothing of this case has been sent yet; sync first")
    return len(vault.new_shares(case.id, worker, held))

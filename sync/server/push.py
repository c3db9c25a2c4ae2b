"""POST /v1/push: sealed changes stored exactly once, each answered by a receipt; one
signature over the answer's receipts covers each of them (sync/protocol/receipt_proofs).

One transaction per batch; a kill anywhere leaves the batch wholly stored (changes,
receipts, high-water marks, heads) or not at all. In it, per change, in order:

- the change's hash is SHA-256 of its canonical bytes (`to_json`), which are stored;
- a change id already stored answers its stored receipt (same bytes) or is refused as a
  sequence reuse and quarantined (other bytes) — never overwritten;
- a sequence at or below the chain's high-water mark: the same, by (device, sequence);
- the next sequence is stored and the mark advanced;
- a sequence past the next stops the batch: `expected_seq` tells the device where to
  resume (the changes before it are stored and receipted).

A change belongs to the sequence chain of its `device_id`. Another device's chain is
accepted only from a device of the same worker (a restored laptop re-sending what its
old vault had not got receipts for) and refused with 403 otherwise.

Locks, in this order (so two batches never wait on each other in a cycle): the chain
devices' rows (FOR UPDATE; SQLite's writers begin IMMEDIATE and are serial anyway), then
one advisory lock per record touched (PostgreSQL; see heads.py), then — last, right
before the commit — the server sequence counter (sequence.py), so the counter is held
only while the batch's rows are written.

The server cannot read content, so nothing is refused for what it says or its form
version: oddities are stored and flagged (`waiting`), never dropped.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import HTTPException, Request
from sqlalchemy import Row, bindparam, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import (
    PushRequest,
    PushResponse,
    Receipt,
    Refusal,
    SealedChange,
    receipt_proofs,
    to_json,
    utc_text,
)
from sync.server import auth, heads, identity, purge, sequence
from sync.server.auth import BLOCKED_MESSAGE, AuthedDevice, SignedHeaders
from sync.server.db import Prepared, insert_ignoring, insert_rows
from sync.server.models import CaseAccess, Change, Device, Quarantined, utcnow
from sync.server.wire import parse

ATTEMPTS = 3  # a deadlock or a racing insert on PostgreSQL is retried from the start
_RETRY_STATES = {"40P01", "40001"}  # deadlock detected, serialization failure


@dataclass(frozen=True)
class _Stored:
    change_id: str
    device_id: str
    device_seq: int
    server_seq: int
    sha256: str
    received_at: datetime

    def receipt(self, epoch: str) -> Receipt:
        return Receipt.made(change_id=self.change_id, device_id=self.device_id,
                            device_seq=self.device_seq, server_seq=self.server_seq,
                            server_epoch=epoch, sha256=self.sha256,
                            received_at=utc_text(self.received_at))


_STORED_COLUMNS = (Change.change_id, Change.device_id, Change.device_seq, Change.server_seq,
                   Change.sha256, Change.received_at)
# the statements of every push, built once (db.Prepared)
_CHAINS = Prepared(lambda among: select(Device.id, Device.worker, Device.high_water)
                   .where(among(Device.id, "ids")).order_by(Device.id).with_for_update())
_BY_ID = Prepared(lambda among: select(*_STORED_COLUMNS)
                  .where(among(Change.change_id, "ids")))
_MARK = Prepared(lambda _among: update(Device).where(Device.id == bindparam("chain"))
                 .values(high_water=bindparam("mark")))
_KNOWN = Prepared(lambda among: select(CaseAccess.case_token)
                  .where(among(CaseAccess.case_token, "tokens")))


@dataclass
class _New:
    change: SealedChange
    body: bytes
    sha256: str


def push(sessions: sessionmaker[Session], signer: Ed25519PrivateKey, request: Request,
         headers: SignedHeaders, body: bytes, data: Path | None = None) -> PushResponse:
    """A signed push (`headers`, `body`: auth.signed_headers, auth.read_body), checked and
    applied in one transaction. `data`: the data folder, whose file store loses a purged
    case's blobs."""
    for attempt in range(ATTEMPTS):
        try:
            response, blobs, partial = _push_once(sessions, request, headers, body)
            if data is not None and (blobs or partial):
                purge.unlink(data, blobs, partial)
            # signed after the commit, outside the sequence lock: one signature for the
            # answer (receipt_proofs), the same for the same receipts on a replay
            signature = receipt_proofs.sign_answer(signer.sign, response.receipts)
            return dataclasses.replace(response, batch_signature=signature)
        except IntegrityError:
            # a concurrent batch stored the same change id first: the next pass finds it
            if attempt == ATTEMPTS - 1:
                raise
        except DBAPIError as e:
            state = getattr(e.orig, "sqlstate", None)
            if state not in _RETRY_STATES or attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _sha(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _lock_records(session: Session, record_ids: set[str], case_tokens: set[str]) -> None:
    """Transaction-scoped advisory locks (PostgreSQL; SQLite's writers are serial) on
    the batch's records (heads.py) and case tokens: a token first seen in two concurrent
    pushes would otherwise make both senders its author, where one after the other the
    second is a writer in the first's case (`_grant_authors`)."""
    if session.get_bind().dialect.name != "postgresql" or not (record_ids or case_tokens):
        return
    # sorted: two batches touching the same records take their locks in the same order
    # (were the order ever not kept, a deadlock is detected and the batch retried: 40P01).
    # One statement for the batch: a round trip per record was most of a push's time.
    names = [r.encode() for r in record_ids] + [b"case:" + t.encode() for t in case_tokens]
    keys = sorted({int.from_bytes(hashlib.sha256(n).digest()[:8], "big", signed=True)
                   for n in names})
    session.connection().execute(text(
        "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM"
        " unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS ordered"), {"keys": keys})


def _quarantine_row(c: SealedChange, body: bytes, sha: str, sent_by: str, reason: str,
                    now: datetime) -> dict[str, object]:
    return {"change_id": c.change_id, "device_id": c.device_id, "device_seq": c.device_seq,
            "sent_by": sent_by, "reason": reason, "sha256": sha, "body": body,
            "received_at": now}


def _push_once(sessions: sessionmaker[Session], request: Request,
               headers: SignedHeaders, body: bytes
               ) -> tuple[PushResponse, list[str], list[str]]:
    with sessions.begin() as session:
        # the clock after the body: the nonce check re-checks the window with it
        now = utcnow()
        device = auth.check_in(session, request, headers, body, now)
        # a device revoked as lost gets through: what it sends is quarantined (below)
        auth.refuse_state(device, allow_lost=True)
        # parsed only once the signature proved who sent it
        req = parse(PushRequest, body)
        if device.role != "desk" and any(c.op == purge.ORDER for c in req.changes):
            raise HTTPException(403, purge.NOT_A_DESK)
        chains = sorted({c.device_id for c in req.changes})
        rows = {d.id: d for d in _CHAINS.execute(session, {"ids": chains})}
        for chain in chains:
            owner = rows.get(chain)
            if chain != device.device_id and (owner is None or owner.worker != device.worker):
                raise HTTPException(403, f"change of device {chain}: not a device of this "
                                         "worker")
        if device.state == "revoked_lost":
            # kept for the center, never applied; the device learns only that it is blocked
            insert_ignoring(session, Quarantined.__table__, [
                _quarantine_row(c, b, _sha(b), device.device_id, "revoked_lost", now)
                for c in req.changes for b in [to_json(c)]])
            blocked = True
        else:
            blocked = False
            response, new = _apply(session, device, req, rows, now)
            # a case with a purge order (in this batch or before) keeps nothing readable
            blobs, partial = purge.apply(session, {n.change.case_token for n in new
                                                   if n.change.case_token})
    if blocked:
        raise HTTPException(403, BLOCKED_MESSAGE)
    return response, blobs, partial


def _apply(session: Session, device: AuthedDevice, req: PushRequest,
           rows: dict[str, Row[*tuple[Any, ...]]], now: datetime
           ) -> tuple[PushResponse, list[_New]]:
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    _lock_records(session, {c.record_id for c in req.changes if c.record_id},
                  {c.case_token for c in req.changes if c.case_token})
    high = {chain: d.high_water for chain, d in rows.items()}
    by_id = {r.change_id: _Stored(*r) for r in _BY_ID.execute(
        session, {"ids": [c.change_id for c in req.changes]})}
    by_seq: dict[tuple[str, int], _Stored] = {}
    for chain in high:
        old = [c.device_seq for c in req.changes
               if c.device_id == chain and c.device_seq <= high[chain]]
        if old:
            for r in session.connection().execute(select(*_STORED_COLUMNS).where(
                    Change.device_id == chain, Change.device_seq.in_(old))):
                s = _Stored(*r)
                by_seq[(s.device_id, s.device_seq)] = s

    receipts: list[Receipt | _New] = []  # _New: receipted once its number is known
    refused: list[Refusal] = []
    quarantine: list[dict[str, object]] = []
    new: list[_New] = []
    new_by_id: dict[str, _New] = {}
    expected: int | None = None

    def refuse(c: SealedChange, body: bytes, sha: str) -> None:
        refused.append(Refusal(change_id=c.change_id, device_seq=c.device_seq,
                               error="sequence_reuse",
                               message=f"change {c.device_seq} reuses a sequence number or "
                                       "change id with different content; kept in "
                                       "quarantine, ask the center"))
        quarantine.append(_quarantine_row(c, body, sha, device.device_id, "sequence_reuse",
                                          now))

    for c in req.changes:
        body = to_json(c)
        sha = _sha(body)
        stored = by_id.get(c.change_id) or by_seq.get((c.device_id, c.device_seq))
        pending = new_by_id.get(c.change_id)
        if stored is not None:
            if stored.sha256 == sha and stored.change_id == c.change_id:
                receipts.append(stored.receipt(epoch))
            else:
                refuse(c, body, sha)
        elif pending is not None:  # twice in one batch
            if pending.sha256 != sha:
                refuse(c, body, sha)
        elif c.device_seq <= high[c.device_id]:
            # below the mark but not stored: impossible unless rows were removed by hand;
            # never store over the mark
            refuse(c, body, sha)
        elif c.device_seq == high[c.device_id] + 1:
            item = _New(c, body, sha)
            new.append(item)
            new_by_id[c.change_id] = item
            receipts.append(item)
            high[c.device_id] = c.device_seq
        else:
            expected = high[c.device_id] + 1
            break

    waiting = heads.settle(session, [
        heads.Version(n.change.record_id, n.change.version_id, tuple(n.change.parents))
        for n in new if n.change.record_id and n.change.version_id])
    insert_ignoring(session, Quarantined.__table__, quarantine)
    _grant_authors(session, device, new, now)
    for chain, mark in high.items():
        if mark != rows[chain].high_water:
            _MARK.execute(session, {"chain": chain, "mark": mark})

    done: dict[str, Receipt] = {}
    if new:
        received_at = utc_text(now)
        numbers = sequence.allocate(session, len(new))  # last: the counter stays locked
        values = []
        for n, seq in zip(new, numbers, strict=True):
            c = n.change
            done[c.change_id] = Receipt.made(
                change_id=c.change_id, device_id=c.device_id, device_seq=c.device_seq,
                server_seq=seq, server_epoch=epoch, sha256=n.sha256,
                received_at=received_at)
            values.append({
                "server_seq": seq, "change_id": c.change_id, "device_id": c.device_id,
                "device_seq": c.device_seq, "sent_by": device.device_id,
                "worker": device.worker, "op": c.op, "record_id": c.record_id,
                "version_id": c.version_id, "parents": heads.join_parents(c.parents),
                "case_token": c.case_token,
                "attachment_id": c.file.attachment_id if c.file else None,
                "waiting": c.version_id in waiting if c.version_id else False,
                "sha256": n.sha256, "body": n.body, "received_at": now})
        insert_rows(session, Change.__table__, values)
    first_chain = req.changes[0].device_id
    return PushResponse(
        receipts=[done[r.change.change_id] if isinstance(r, _New) else r for r in receipts],
        refused=refused, expected_seq=expected, high_water=high[first_chain]), new


def _grant_authors(session: Session, device: AuthedDevice, new: list[_New],
                   now: datetime) -> None:
    """A case token seen for the first time belongs to the worker who sent it: its
    author, who may receive its changes from now on (share grants add others)."""
    tokens = {n.change.case_token for n in new if n.change.case_token}
    if not tokens:
        return
    known = set(_KNOWN.execute(session, {"tokens": list(tokens)}).scalars())
    insert_ignoring(session, CaseAccess.__table__, [
        {"case_token": t, "worker": device.worker, "granted_by": device.worker,
         "granted_at": now} for t in sorted(tokens - known)])
    _grant_shares(session, device, new, now)


def _grant_shares(session: Session, device: AuthedDevice, new: list[_New],
                  now: datetime) -> None:
    """A share (op "share") gives its grantee access to the case, if its sender may open
    the case (or is a desk). A share from anyone else is stored like any change (the
    server never drops sealed work) but grants nothing."""
    shares = [n.change for n in new
              if n.change.op == "share" and n.change.grantee and n.change.case_token]
    if not shares:
        return
    mine = set(session.connection().execute(select(CaseAccess.case_token).where(
        CaseAccess.worker == device.worker,
        CaseAccess.case_token.in_({c.case_token for c in shares}))).scalars())
    insert_ignoring(session, CaseAccess.__table__, [
        {"case_token": c.case_token, "worker": c.grantee, "granted_by": device.worker,
         "granted_at": now} for c in shares
        if device.role == "desk" or c.case_token in mine])

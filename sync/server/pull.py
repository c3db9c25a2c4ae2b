"""GET /v1/pull: the changes after a server sequence that a device may receive.

Who receives what (docs/sync.md): a worker's device gets the changes of the cases its
worker may open (case_access: the author, and later share grants) and that worker's own
changes outside any case; a desk gets every change. Never the pulling device's own
changes. Each change's envelopes are cut to what the device can use: a worker device
keeps its own envelope and the organisation's, a desk the organisation's.

The page ends at the server sequence read first: every change numbered up to it has
committed (numbers are taken in commit order, sequence.py), so `next_after` can move past
changes this device may not see without ever skipping one that commits late.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from sync.protocol import Envelope, PulledChange, PullPage, SealedChange, decode
from sync.server import heads, identity, sequence
from sync.server.auth import AuthedDevice
from sync.server.models import CaseAccess, Change

# stay well under PullPage.MAX_BYTES (64 MiB), which a client refuses past: a page of 200
# changes of 512 KiB each would not fit
PAGE_BYTES = 32 * 1024 * 1024


def _envelopes(device: AuthedDevice, envelopes: list[Envelope]) -> list[Envelope]:
    if device.role == "desk":
        kept = [e for e in envelopes if e.kind == "org"]
    else:
        kept = [e for e in envelopes
                if e.kind == "org" or e.recipient == device.sealing_key_id]
    # a change always carries the organisation's envelope; if a client left it out, the
    # change still travels (its other envelopes wrap the key to other devices only)
    return kept or envelopes


def readable(device: AuthedDevice) -> ColumnElement[bool] | None:
    """The changes a device may receive, as a condition on `changes` (None: every one, a
    desk). The one rule of who receives what: pull and file downloads both use it."""
    if device.role == "desk":
        return None
    shared = select(CaseAccess.case_token).where(CaseAccess.worker == device.worker)
    return or_(Change.case_token.in_(shared),
               and_(Change.case_token.is_(None), Change.worker == device.worker))


def page(session: Session, device: AuthedDevice, after: int, limit: int,
         case: str | None = None) -> PullPage:
    """`case`: only that case's changes (a backfill after a share), still only if this
    device may see them."""
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    end = sequence.last(session)
    query = (select(Change.server_seq, Change.body, Change.worker, Change.waiting,
                    Change.record_id)
             .where(Change.server_seq > after, Change.server_seq <= end,
                    Change.device_id != device.device_id,
                    Change.sent_by != device.device_id,
                    Change.purged.is_(False)))   # a purged case's order travels, not its past
    if case is not None:
        query = query.where(Change.case_token == case)
    rule = readable(device)
    if rule is not None:
        query = query.where(rule)
    rows = session.execute(query.order_by(Change.server_seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    taken: list[Any] = []
    size = 0
    for row in rows:
        if taken and size + len(row.body) > PAGE_BYTES:
            more = True
            break
        size += len(row.body)
        taken.append(row)
    # the last row scanned when the page is cut short; else everything up to `end` was
    # scanned (what this device may not see included); a cursor beyond `end` (a server
    # restored from an older backup) is left where it is
    next_after = taken[-1].server_seq if more else max(after, end)
    forked = heads.conflicted(session, {r.record_id for r in taken if r.record_id})
    changes = []
    for row in taken:
        change = decode(SealedChange, json.loads(row.body))
        change = dataclasses.replace(change, envelopes=_envelopes(device, change.envelopes))
        changes.append(PulledChange(server_seq=row.server_seq, change=change,
                                    author=row.worker,
                                    conflicted=row.record_id in forked,
                                    waiting=row.waiting))
    return PullPage(changes=changes, next_after=next_after, more=more, server_epoch=epoch)

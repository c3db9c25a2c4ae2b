"""Who a case's changes are sealed to (POST /v1/recipients): the active and retiring
devices of the workers who may open the case (case_access), by case token."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import RecipientKey, RecipientsResponse, b64encode, key_id
from sync.server.auth import AuthedDevice
from sync.server.models import CaseAccess, Device

# a retiring device still syncs until its outbox is empty, so it still receives
RECEIVING_STATES = ("active", "retiring")


def recipients(session: Session, device: AuthedDevice, tokens: list[str],
               asked: list[str] | None = None) -> RecipientsResponse:
    """`asked`: workers whose devices are wanted by name (a share's grantee)."""
    workers: dict[str, set[str]] = defaultdict(set)
    if tokens:
        for token, worker in session.execute(
                select(CaseAccess.case_token, CaseAccess.worker)
                .where(CaseAccess.case_token.in_(set(tokens)))):
            workers[token].add(worker)
    for token in tokens:
        # a case the server has not seen yet is the asker's own new case
        workers.setdefault(token, {device.worker})
    everyone = set().union(*workers.values()) | {device.worker} | set(asked or [])
    keys: dict[str, list[RecipientKey]] = defaultdict(list)
    for d in session.execute(select(Device).where(Device.worker.in_(everyone),
                                                  Device.state.in_(RECEIVING_STATES))
                             .order_by(Device.enrolled_at, Device.id)).scalars():
        keys[d.worker].append(RecipientKey(device_id=d.id, worker=d.worker,
                                           key_id=key_id(d.sealing_key),
                                           key=b64encode(d.sealing_key)))
    return RecipientsResponse(
        recipients={t: [k for w in sorted(workers[t]) for k in keys[w]] for t in tokens},
        own=keys[device.worker], workers={w: keys[w] for w in asked or []})

"""The counts `server status` shows: devices with their stored changes and marks,
changes, files, conflicts, quarantine; and the same per device, with each laptop's last
report, as the center's desk sees them (GET /v1/overview). Read-only; works while
`server run` writes."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol import (
    DeviceOverview,
    DeviceReport,
    ProtocolError,
    WorkersOverview,
    from_json,
    utc_text,
)
from sync.server import heads, revocation, sequence
from sync.server.models import Change, Device, Quarantined, StoredFile


def _file_counts(session: Session) -> tuple[int, int]:
    """(files complete and verified, files pending: referenced by a stored change and not
    complete)."""
    present = select(StoredFile.attachment_id).where(StoredFile.present.is_(True))
    done = session.execute(select(func.count()).select_from(present.subquery())).scalar_one()
    pending = select(Change.attachment_id).where(Change.attachment_id.is_not(None),
                                                 Change.purged.is_(False),
                                                 Change.attachment_id.not_in(present)) \
        .distinct()
    return done, session.execute(select(func.count()).select_from(pending.subquery())
                                 ).scalar_one()


def _devices(session: Session) -> list[tuple[Device, int]]:
    """Every device, in enrollment order, with the distinct sequenced changes of its
    chain stored here (equal to its mark when all arrived once)."""
    per_device = dict(session.execute(select(Change.device_id, func.count())
                                      .group_by(Change.device_id)).all())
    return [(d, per_device.get(d.id, 0)) for d in session.execute(
        select(Device).order_by(Device.enrolled_at, Device.id)).scalars()]


def _report(device: Device) -> DeviceReport | None:
    """The stored report (written by this server from a parsed message), or None."""
    if device.report is None:
        return None
    try:
        return from_json(DeviceReport, device.report.encode("utf-8"))
    except ProtocolError:
        return None  # stored by a newer server whose report this one cannot read


def overview(session: Session) -> dict[str, Any]:
    wipes = revocation.wipe_summary(session)
    devices = [{"id": d.id, "worker": d.worker, "team": d.team, "role": d.role,
                "state": d.state, "fingerprint": d.fingerprint,
                # the newest wipe order: null, queued, delivered or confirmed
                "wipe": wipes.get(d.id),
                "last_seen": d.last_seen.isoformat() if d.last_seen else None,
                "changes": changes, "seq": d.high_water,
                # the laptop's own counts after its last successful round
                "report": json.loads(d.report) if d.report else None,
                "reported_at": d.reported_at.isoformat() if d.reported_at else None}
               for d, changes in _devices(session)]
    files, files_pending = _file_counts(session)
    return {"devices": devices,
            "changes": session.execute(select(func.count()).select_from(Change)).scalar_one(),
            "files": files, "files_pending": files_pending,
            "conflicts": heads.conflict_count(session),
            "quarantined": session.execute(select(func.count()).select_from(Quarantined)
                                           ).scalar_one(),
            "last_seq": sequence.last(session)}


def workers(session: Session) -> WorkersOverview:
    """What the center's desk is shown per device and per worker (GET /v1/overview)."""
    devices = [DeviceOverview(
        device_id=d.id, worker=d.worker, team=d.team,
        role=d.role,  # type: ignore[arg-type]  # the table's CHECK holds it to the Literal
        state=d.state,  # type: ignore[arg-type]
        last_seen=utc_text(d.last_seen) if d.last_seen else None,
        changes=changes, high_water=d.high_water, report=_report(d),
        reported_at=utc_text(d.reported_at) if d.reported_at else None)
        for d, changes in _devices(session)]
    return WorkersOverview(devices=devices, conflicts=heads.conflicts_by_worker(session),
                           server_seq=sequence.last(session))

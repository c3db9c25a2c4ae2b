"""The counts `server status` shows: devices with their stored changes and marks,
changes, files, conflicts, quarantine. Read-only; works while `server run` writes."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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


def overview(session: Session) -> dict[str, Any]:
    per_device = dict(session.execute(select(Change.device_id, func.count())
                                      .group_by(Change.device_id)).all())
    wipes = revocation.wipe_summary(session)
    devices = [{"id": d.id, "worker": d.worker, "team": d.team, "role": d.role,
                "state": d.state, "fingerprint": d.fingerprint,
                # the newest wipe order: null, queued, delivered or confirmed
                "wipe": wipes.get(d.id),
                "last_seen": d.last_seen.isoformat() if d.last_seen else None,
                # distinct sequenced changes of its chain: equals seq when all arrived once
                "changes": per_device.get(d.id, 0), "seq": d.high_water}
               for d in session.execute(select(Device).order_by(Device.enrolled_at, Device.id))
               .scalars()]
    files, files_pending = _file_counts(session)
    return {"devices": devices,
            "changes": session.execute(select(func.count()).select_from(Change)).scalar_one(),
            "files": files, "files_pending": files_pending,
            "conflicts": heads.conflict_count(session),
            "quarantined": session.execute(select(func.count()).select_from(Quarantined)
                                           ).scalar_one(),
            "last_seq": sequence.last(session)}

"""The counts `server status` shows: devices with their stored changes and marks,
changes, files, conflicts, quarantine. Read-only; works while `server run` writes."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Table, func, inspect, select
from sqlalchemy.orm import Session

from sync.server import heads, sequence
from sync.server.models import Base, Change, Device, Quarantined


def _file_counts(session: Session) -> tuple[int, int]:
    """(files complete, files pending). The file store's table arrives with its own
    migration; until then nothing is complete and every attachment a stored change
    references is pending. With it: its rows with `complete` true (every row if it has no
    such column), and pending = attachments referenced by stored changes not among them."""
    referenced = select(Change.attachment_id).where(Change.attachment_id.is_not(None)) \
        .distinct()
    if not inspect(session.get_bind()).has_table("files"):
        pending = session.execute(select(func.count()).select_from(referenced.subquery())
                                  ).scalar_one()
        return 0, pending
    files = Table("files", Base.metadata.__class__(), autoload_with=session.get_bind())
    complete = select(files)
    if "complete" in files.c:
        complete = complete.where(files.c.complete.is_(True))
    done = session.execute(select(func.count()).select_from(complete.subquery())).scalar_one()
    if "attachment_id" not in files.c:
        return done, 0
    ids = select(files.c.attachment_id)
    if "complete" in files.c:
        ids = ids.where(files.c.complete.is_(True))
    pending = session.execute(select(func.count()).select_from(
        referenced.where(Change.attachment_id.not_in(ids)).subquery())).scalar_one()
    return done, pending


def overview(session: Session) -> dict[str, Any]:
    per_device = dict(session.execute(select(Change.device_id, func.count())
                                      .group_by(Change.device_id)).tuples().all())
    devices = [{"id": d.id, "worker": d.worker, "team": d.team, "role": d.role,
                "state": d.state, "fingerprint": d.fingerprint,
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

"""What the server tells a device about itself (GET /v1/device)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_CHANGES, DeviceStatus
from sync.server import identity, policy, revocation, sequence
from sync.server.auth import AuthedDevice
from sync.server.models import Change, Device, StoredFile


def missing_files(session: Session, device_id: str) -> list[str]:
    """The attachment ids this device's stored changes reference (changes.attachment_id)
    whose ciphertext is not complete and verified on the server (files.present)."""
    present = select(StoredFile.attachment_id).where(StoredFile.present.is_(True))
    return [a for a in session.execute(
        select(Change.attachment_id).where(Change.device_id == device_id,
                                           Change.attachment_id.is_not(None),
                                           Change.attachment_id.not_in(present))
        .distinct().order_by(Change.attachment_id)).scalars() if a is not None]


def status(session: Session, device: AuthedDevice) -> DeviceStatus:
    # the state as stored now, not as the request's authentication read it: a report
    # (drained, wiped) answers the state it just moved to
    high_water, state = session.execute(select(Device.high_water, Device.state)
                                        .where(Device.id == device.device_id)).one()
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    return DeviceStatus(device_id=device.device_id, worker=device.worker,
                        state=state,  # type: ignore[arg-type]
                        high_water=high_water,
                        server_seq=sequence.last(session), server_epoch=epoch,
                        files_missing=missing_files(session, device.device_id),
                        wipe_order=revocation.order_for(session, device.device_id, state),
                        offline_lease_days=policy.offline_lease_days(session),
                        max_changes=MAX_CHANGES, batched_envelopes=True)

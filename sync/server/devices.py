"""What the server tells a device about itself (GET /v1/device)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import DeviceStatus
from sync.server import identity, sequence
from sync.server.auth import AuthedDevice
from sync.server.models import Device


def missing_files(session: Session, device: AuthedDevice) -> list[str]:
    """The attachment ids this device's stored changes reference (changes.attachment_id)
    whose ciphertext is not complete on the server. The file store fills this in; until
    it exists no file can be present or missing."""
    return []


def status(session: Session, device: AuthedDevice) -> DeviceStatus:
    high_water = session.execute(select(Device.high_water)
                                 .where(Device.id == device.device_id)).scalar_one()
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    return DeviceStatus(device_id=device.device_id, worker=device.worker,
                        state=device.state,  # type: ignore[arg-type]
                        high_water=high_water, server_seq=sequence.last(session),
                        server_epoch=epoch, files_missing=missing_files(session, device))

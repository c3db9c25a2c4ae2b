"""Wipe orders and wipe receipts (docs/sync.md, "Revocation and wipe orders").

A wipe order is signed by the organisation's **offline** signing key (KEYDIR/signing.key,
opened by `server revoke --org-key`), never by anything the server holds: a breached
server can refuse a laptop, but it cannot make one destroy its vault and the work not yet
sent. The laptop verifies the order against the organisation signing key it stored at
enrollment, and that it names this device and this server's epoch, before it deletes
anything.

The wipe receipt is the laptop's statement, signed with its device key, that it
destroyed its vault on that order; the server stores it with its signature so the center
can show it later.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sync.protocol.codec import b64decode
from sync.protocol.messages import _check_time, _check_uuid

WipeMode = Literal["retire", "lost"]
WIPE_MODES = ("retire", "lost")


def wipe_order_text(server_epoch: str, device_id: str, mode: str, order_id: str,
                    issued_at: str) -> bytes:
    """What the organisation signing key signs: one canonical text, one line per field."""
    return "\n".join(["donghaeng-wipe/v1", server_epoch, device_id, mode, order_id,
                      issued_at]).encode("utf-8")


def wipe_receipt_text(server_epoch: str, device_id: str, order_id: str,
                      wiped_at: str) -> bytes:
    """What the device signs once its vault is gone."""
    return "\n".join(["donghaeng-wiped/v1", server_epoch, device_id, order_id,
                      wiped_at]).encode("utf-8")


@dataclass(frozen=True)
class WipeOrder:
    """An order to destroy one device's vault, as `server revoke --org-key` signed it.
    Delivered in DeviceStatus: for `lost` at once, for `retire` once the device reported
    its outbox empty."""

    order_id: str
    server_epoch: str
    device_id: str
    mode: WipeMode
    issued_at: str
    key_id: str               # the organisation signing key's id (32 hex)
    signature: str            # base64 Ed25519 over wipe_order_text

    def __post_init__(self) -> None:
        _check_uuid(self.order_id, "order_id")
        _check_uuid(self.server_epoch, "server_epoch")
        _check_uuid(self.device_id, "device_id")
        _check_time(self.issued_at, "issued_at")
        if len(self.key_id) != 32 or any(c not in "0123456789abcdef" for c in self.key_id):
            raise ValueError("key_id: not 32 lowercase hex digits")
        b64decode(self.signature, field="signature", size=64)

    def text(self) -> bytes:
        return wipe_order_text(self.server_epoch, self.device_id, self.mode, self.order_id,
                               self.issued_at)


@dataclass(frozen=True)
class WipeReceipt:
    """POST /v1/device/wiped (signed): this device destroyed its vault on `order_id`."""

    order_id: str
    wiped_at: str
    signature: str            # base64 Ed25519 by the device key over wipe_receipt_text

    def __post_init__(self) -> None:
        _check_uuid(self.order_id, "order_id")
        _check_time(self.wiped_at, "wiped_at")
        b64decode(self.signature, field="signature", size=64)

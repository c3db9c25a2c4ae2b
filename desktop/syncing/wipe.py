"""Retiring, revocation and wipe orders on the laptop (docs/sync.md, "Revocation and
wipe orders").

The round runs inside `watch`. When it ends well, the laptop asks for its status: a
retiring laptop whose outbox is empty (no change without a receipt, no file unconfirmed)
reports itself drained, and the server marks it retired. When the status — or, after a
refusal, the status asked for then — carries a wipe order, the order is applied only if
the organisation's signing key (stored at enrollment, never taken from the server later)
signed it for this device and this server's epoch. A breached server can refuse this
laptop; it cannot make it delete anything.

Applying an order: the vault's keyslots are destroyed first (the data is unreadable from
that instant), the vault is locked (the keys in memory wiped), its folder removed, and
the server is sent a receipt signed with the device key still held in memory. The sync
command then ends with one sentence saying the vault was wiped on the center's order.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from desktop.errors import UserError
from desktop.syncing.device import DeviceKeys, SyncRefused, signed_call
from desktop.syncing.progress import Progress
from desktop.vault import wipe as vault_wipe
from sync.client.transport import Refused, SyncError
from sync.protocol import (
    DeviceStatus,
    WipeOrder,
    WipeReceipt,
    b64encode,
    to_json,
    utc_text,
)
from sync.protocol.orders import wipe_receipt_text

NOT_ALLOWED = ("이 노트북은 동기화할 수 없습니다; 센터에 문의하세요",
               "this laptop is not allowed to sync; ask the center")


class VaultWiped(UserError):
    """The vault is gone, on a verified order: the one thing the command still says."""

    def __init__(self) -> None:
        super().__init__("이 노트북의 금고는 센터의 지시로 삭제되었습니다",
                         "this laptop's vault was wiped on the center's order")


def verify(order: WipeOrder, keys: DeviceKeys) -> bool:
    """Signed by the organisation signing key this laptop pinned at enrollment, for this
    device, on this server's epoch; anything else is not an order."""
    return order.device_id == keys.device_id and keys.signed_by_org(order)


def drained(vault) -> bool:
    st = vault.sync_status()
    return st["pending_changes"] == 0 and st["pending_files"] == 0


@contextmanager
def watch(vault, tr, keys: DeviceKeys, progress: Progress) -> Iterator[None]:
    """Around one round: after it, `after_round`; after a refusal (401/403), a wipe
    order the server holds for this laptop is applied, else the refusal stands."""
    try:
        yield
    except Refused:
        try:
            status = tr.device()
        except SyncError:
            status = None  # refused there too (wiped, unknown): the first refusal says it
        if status is not None and status.wipe_order is not None:
            apply(vault, tr, keys, status.wipe_order, progress)
        raise
    after_round(vault, tr, keys, progress)


def after_round(vault, tr, keys: DeviceKeys, progress: Progress) -> None:
    status = tr.device()
    if status.state == "retiring" and drained(vault):
        status = _post(tr, "/v1/device/drained", b"")
        progress("모든 기록이 서버에 있습니다: 이 노트북은 이제 퇴역했습니다",
                 "everything is on the server: this laptop is now retired")
    if status.wipe_order is not None:
        apply(vault, tr, keys, status.wipe_order, progress)


def apply(vault, tr, keys: DeviceKeys, order: WipeOrder, progress: Progress) -> None:
    """Wipes the vault on a verified order and raises VaultWiped; on an order that does
    not verify, deletes nothing and raises SyncRefused."""
    if not verify(order, keys):
        raise SyncRefused(NOT_ALLOWED[0] + " (서버가 보낸 삭제 지시가 기관 서명으로 확인되지 않아 "
                          "아무것도 지우지 않았습니다)", NOT_ALLOWED[1] + " (the server sent a "
                          "wipe order the organisation did not sign; nothing was deleted)")
    if order.mode == "retire" and not drained(vault):
        # a retire order is for a laptop whose work is all on the server
        raise SyncRefused(NOT_ALLOWED[0] + " (보내지 않은 변경이 있어 지우지 않았습니다)",
                          NOT_ALLOWED[1] + " (it holds changes not sent yet, so nothing "
                          "was deleted)")
    paths = vault.paths
    vault_wipe.destroy_keys(paths)
    vault.lock()
    vault_wipe.remove(paths)
    wiped_at = utc_text(datetime.now(UTC))
    text = wipe_receipt_text(keys.server_epoch, keys.device_id, order.order_id, wiped_at)
    receipt = WipeReceipt(order_id=order.order_id, wiped_at=wiped_at,
                          signature=b64encode(keys.signing_private.sign(text)))
    try:
        _post(tr, "/v1/device/wiped", to_json(receipt))
    except SyncError:
        # the vault is gone either way; the center sees the order delivered, unconfirmed
        progress("삭제 완료를 서버에 알리지 못했습니다",
                 "the wipe could not be confirmed to the server")
    raise VaultWiped()


def _post(tr, path: str, body: bytes) -> DeviceStatus:
    """A signed POST answered by the device's status."""
    return signed_call(tr, DeviceStatus, "POST", path, body)

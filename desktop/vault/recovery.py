"""The vault's recovery keyslot: its data key sealed to the organisation's recovery key,
so a supervisor holding `KEYDIR/recovery.key` can reset a forgotten passphrase
(docs/security.md 3.4a; the slot's format is crypto.keyslots').

The slot is added at enrollment (the server names the key) and kept by passphrase
changes. A recovery opens the vault with the unwrapped key (the database must accept it
and carry this vault's id), then replaces the passphrase slot atomically, as a passphrase
change does; a refusal changes nothing on disk (no unlock failure is counted either: the
key file's own passphrase was the guess, and it is checked before this module runs).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from crypto.keyslots import (
    KeyslotError,
    KeyslotFile,
    UnwrapFailed,
    passphrase_params,
    public_key_id,
    wrap_passphrase,
    wrap_recovery,
)
from desktop.vault import audit, layout, unlock_failures
from desktop.vault.errors import VaultCorrupt, VaultError
from desktop.vault.files import atomic_write, flocked, translate_os_error

ACTION = "passphrase_recovered"


class NoRecoverySlot(VaultError):
    def __init__(self) -> None:
        super().__init__("이 금고에는 기관 복구 슬롯이 없습니다 (센터에 등록되기 전에 만든 금고이고 "
                         "아직 등록되지 않았습니다)",
                         "this vault has no organisation recovery slot (it has not been "
                         "enrolled with the center)")


class NotThisVaultsRecoveryKey(VaultError):
    def __init__(self) -> None:
        super().__init__("이 복구 키로는 이 금고를 열 수 없습니다 (다른 기관이나 다른 서버의 키)",
                         "this recovery key does not open this vault (another organisation's "
                         "or another server's key)")


def _read(paths: layout.VaultPaths) -> KeyslotFile:
    # the vault's own reader, so a damaged file reads as the same VaultCorrupt
    from desktop.vault.vault import _read_keyslots

    return _read_keyslots(paths)


def recovery_key_ids(home: Path, worker: str) -> list[str]:
    """The recovery keys this vault's slots are sealed to (key ids, 32 hex); reads only."""
    _name, paths = layout.existing(home, worker)
    return [str(s.get("recovery_key_id")) for s in _read(paths).of_type("recovery")]


def add_recovery_slot(vault: Any, recovery_public: bytes) -> str | None:
    """Seal the open vault's data key to `recovery_public` (raw X25519); the slot id, or
    None when a slot for this key is already there. A slot for another recovery key is
    replaced (a vault has one organisation)."""
    store = vault._store
    kid = public_key_id(recovery_public)
    with store.mutex, flocked(store.paths.lock):
        slots = _read(store.paths)
        if any(s.get("recovery_key_id") == kid for s in slots.of_type("recovery")):
            return None
        slot = wrap_recovery(store.key, recovery_public, vault.vault_id)
        try:
            atomic_write(store.paths.keyslots, slots.with_slot(slot).dumps())
        except OSError as exc:
            raise translate_os_error(exc) from None
    store.write(lambda c, w: audit.append(c, w.actor, "keyslot_add", f"slot:{slot['id']}",
                                          "recovery"))
    return str(slot["id"])


def recover(home: Path, worker: str, recovery_private: Any, new_passphrase: str) -> Any:
    """Unwrap the data key with the recovery key, open the vault, and give it a new
    passphrase slot (the stored Argon2 parameters, a fresh salt). Returns the open Vault;
    the caller locks it. Refusals (`NoRecoverySlot`, `NotThisVaultsRecoveryKey`, a damaged
    file) leave every file as it was."""
    from desktop.vault.vault import Vault, _check_new_passphrase

    _check_new_passphrase(new_passphrase)
    name, paths = layout.existing(home, worker)
    slots = _read(paths)
    if not slots.of_type("recovery"):
        raise NoRecoverySlot()
    try:
        data_key = slots.unwrap_recovery(recovery_private)
    except UnwrapFailed:
        raise NotThisVaultsRecoveryKey() from None
    except KeyslotError as exc:
        raise VaultCorrupt("키 슬롯이 손상되었습니다", f"a keyslot is damaged: {exc}") from None
    # the failed unlocks that led here are folded into the audit log as on any unlock
    failures = unlock_failures.read(paths.failed)
    vault = Vault._open_with_key(home, name, paths, data_key, slots.vault_id, failures)
    try:
        _replace_passphrase(vault, new_passphrase, public_key_id_of(recovery_private))
    except BaseException:
        vault.lock()
        raise
    return vault


def public_key_id_of(private: Any) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return public_key_id(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def _replace_passphrase(vault: Any, new_passphrase: str, kid: str) -> None:
    store = vault._store
    with store.mutex, flocked(store.paths.lock):
        slots = _read(store.paths)
        old = slots.of_type("passphrase")
        if not old:
            raise VaultCorrupt("암호 슬롯이 없습니다", "the passphrase slot is missing")
        try:
            params = passphrase_params(old[0])
        except (KeyslotError, KeyError, TypeError, ValueError):
            raise VaultCorrupt("암호 슬롯이 손상되었습니다", "the passphrase slot is damaged") from None
        slot = wrap_passphrase(store.key, new_passphrase, params, vault.vault_id)
        try:
            atomic_write(store.paths.keyslots, slots.with_passphrase_slot(slot).dumps())
        except OSError as exc:
            raise translate_os_error(exc) from None
    # ids only: which recovery key reset it, never a secret
    store.write(lambda c, w: audit.append(c, w.actor, ACTION, "vault", f"recovery key {kid}"))


def last_recovered(vault: Any) -> str | None:
    """When this vault's passphrase was last reset with the recovery key (UTC, ISO 8601
    ending in Z, to the second: the protocol's spelling), for the device report; None if
    never."""
    from datetime import UTC

    from desktop.vault.ids import parse_iso

    store = vault._store
    with store.mutex:
        rows = store.conn.execute("SELECT at FROM audit WHERE action = ?", (ACTION,)).fetchall()
    if not rows:
        return None
    newest = max(parse_iso(r[0]) for r in rows)  # local times with offsets: compared parsed
    return newest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

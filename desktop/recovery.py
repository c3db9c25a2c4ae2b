"""Resetting a forgotten passphrase with the organisation's recovery key (`vault recover`
and the unlock window's "passphrase forgotten?"): the supervisor's key file, its own
passphrase, and the worker's new passphrase.

Checks run cheapest first and all before anything is written: the vault has a recovery
slot; the file is a recovery key file (a sealing or signing key is refused by its
purpose, before any key derivation); its public key is the one the slot names (another
organisation's key is refused without its passphrase); the passphrase opens it; the
private key matches its public key; then desktop.vault.recovery unwraps and rewrites.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.errors import UserError
from desktop.vault import recovery
from sync.client import keyfile

PURPOSE = "recovery"


def _user_error(e: keyfile.KeyFileError) -> UserError:
    return UserError(e.ko, e.en)


def check_key_file(path: Path, key_ids: list[str]) -> None:
    """Without the passphrase: `path` is a recovery key file naming one of `key_ids`."""
    try:
        doc = keyfile.parse(path)
    except keyfile.KeyFileError as e:
        raise _user_error(e) from None
    if doc["purpose"] != PURPOSE:
        raise UserError(f"{path}: 복구 키가 아니라 {doc['purpose']} 키입니다",
                        f"{path}: a {doc['purpose']} key, not the recovery key")
    if doc.get("key_id") not in key_ids:
        err = recovery.NotThisVaultsRecoveryKey()
        raise UserError(err.ko, err.en)


def open_key_file(path: Path, passphrase: str) -> X25519PrivateKey:
    """The recovery key file's private key, checked against the public key it names."""
    try:
        doc, raw = keyfile.unwrap(path, passphrase, PURPOSE)
    except keyfile.KeyFileError as e:
        raise _user_error(e) from None
    with raw:
        private = X25519PrivateKey.from_private_bytes(bytes(raw))
    if recovery.public_key_id_of(private) != doc.get("key_id"):
        raise _user_error(keyfile.mismatch(path))
    return private


def key_ids(home: Path, worker: str) -> list[str]:
    """The vault's recovery key ids; `NoRecoverySlot` if it has none (before asking for
    any passphrase)."""
    ids = recovery.recovery_key_ids(home, worker)
    if not ids:
        raise recovery.NoRecoverySlot()
    return ids


def recover(home: Path, worker: str, key_path: Path, key_passphrase: str,
            new_passphrase: str) -> Any:
    """The whole reset; returns the open Vault (the caller locks it). Every refusal leaves
    the vault's files as they were."""
    check_key_file(key_path, key_ids(home, worker))
    private = open_key_file(key_path, key_passphrase)
    return recovery.recover(home, worker, private, new_passphrase)

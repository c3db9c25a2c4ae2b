"""Destroying a locked vault (desktop/vault/wipe.py): the keys go first — after that step
alone the vault opens neither with the passphrase nor with the organisation's key, and
the old keyslot bytes are nowhere in the folder — then the folder goes, and the account
list no longer shows it."""
from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from vault_kit import PASS, WORKER

from crypto.kdf import CHEAP
from desktop.vault import Vault, layout
from desktop.vault import wipe as vault_wipe
from desktop.vault.errors import VaultError


def test_keys_first_then_the_folder(home):
    org = X25519PrivateKey.generate()
    with Vault.create(home, WORKER, PASS, kdf=CHEAP) as v:
        v.add_org_slot(org.public_key())
        paths = v.paths
    other = Vault.create(home, "박서연", PASS, kdf=CHEAP)
    other.lock()
    slots = paths.keyslots.read_bytes()
    # a passphrase change killed before its rename leaves a copy of the wrapped key
    stray = paths.folder / f".{layout.KEYSLOTS}.tmp-dead"
    stray.write_bytes(slots)

    vault_wipe.destroy_keys(paths)
    assert not paths.keyslots.exists() and not stray.exists()
    assert paths.db.exists()  # the rest is still there, and useless
    with pytest.raises(VaultError):
        Vault.open(home, WORKER, PASS)
    with pytest.raises(VaultError):
        Vault.open_with_org_key(home, WORKER, org)
    for f in paths.folder.rglob("*"):
        if f.is_file():
            assert slots[:200] not in f.read_bytes()

    vault_wipe.remove(paths)
    assert not paths.folder.exists()
    assert Vault.list_workers(home) == ["박서연"]
    assert not list(layout.vaults_dir(home).glob(".wiped-*"))
    with Vault.open(home, "박서연", PASS):  # the other worker's vault is untouched
        pass


def test_a_kill_between_the_steps_leaves_no_vault_to_open(home):
    with Vault.create(home, WORKER, PASS, kdf=CHEAP) as v:
        paths = v.paths
    vault_wipe.destroy_keys(paths)
    # killed before `remove`: a keyless folder; a later wipe finishes it, twice is fine
    vault_wipe.destroy(paths)
    vault_wipe.destroy(paths)
    assert not paths.folder.exists() and Vault.list_workers(home) == []

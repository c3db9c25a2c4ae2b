"""Destroying a vault on the disk (a verified wipe order: desktop/syncing/wipe.py).

Keys first: the data key exists on disk only wrapped in keyslots.json (the passphrase
slot and the organisation's recovery slot), so once that file is overwritten, synced and
unlinked, nothing in the folder can be decrypted by anyone, the center included — the
rest is ciphertext, and a kill at any later instant leaves only ciphertext behind. Then
the folder is renamed out of the account list and removed.

Overwriting in place is a best effort: an SSD or a copy-on-write file system may keep old
blocks, which is why the keys go first and the database is encrypted at all. Copies the
worker made elsewhere (`vault backup` files) are not found here; they hold their own
keyslots under the worker's passphrase.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from desktop.vault import layout
from desktop.vault.files import flocked, fsync_dir, remove_tree

WIPED_PREFIX = ".wiped-"


def _overwrite_and_unlink(path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return
    try:
        size = os.fstat(fd).st_size
        done = 0
        while done < size:
            done += os.write(fd, secrets.token_bytes(min(size - done, 1 << 16)))
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)


def destroy_keys(paths: layout.VaultPaths) -> None:
    """Overwrites, syncs and removes every file holding a wrapped data key: keyslots.json
    and the temporary copies a killed passphrase change may have left. After this the
    vault no longer opens (with a passphrase or the organisation key)."""
    if not paths.folder.is_dir():
        return  # already removed: a wipe repeated after a kill
    # the lock keyslot changes hold: a passphrase change running in the app finishes
    # first, and its result is destroyed with the rest
    with flocked(paths.lock):
        keyfiles = [paths.keyslots, *paths.folder.glob(f".{layout.KEYSLOTS}.tmp-*")]
        for path in keyfiles:
            _overwrite_and_unlink(path)
        fsync_dir(paths.folder)


def remove(paths: layout.VaultPaths) -> None:
    """Removes the (keyless) folder: first renamed to a hidden name, so the account list
    stops showing it at once and a kill leaves no half-vault under the worker's name."""
    parent = paths.folder.parent
    if paths.folder.exists():
        hidden = parent / f"{WIPED_PREFIX}{secrets.token_hex(6)}"
        os.rename(paths.folder, hidden)
        fsync_dir(parent)
    for leftover in parent.glob(f"{WIPED_PREFIX}*"):
        remove_tree(leftover)
    fsync_dir(parent)


def destroy(paths: layout.VaultPaths) -> None:
    """A locked vault, wholly: keys, then everything else."""
    destroy_keys(paths)
    remove(paths)

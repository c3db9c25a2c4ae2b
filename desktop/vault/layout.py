"""Where a worker's vault lives under the home folder, and its small plaintext files.

    <home>/vaults/<safe-id>/        0700
        worker.json                 display name, vault id (no record content)
        keyslots.json               the wrapped data key (crypto/keyslots.py)
        vault.db (-wal, -shm)       SQLCipher database
        audit-head                  authenticated head of the audit log
        failed-unlocks              timestamps of failed unlocks in a row
        lock                        advisory lock for keyslot changes
        attachments/<id>.dhae       encrypted attachment files (crypto/stream.py)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from desktop.vault.errors import UnknownWorker, VaultCorrupt
from desktop.vault.names import normalize_worker, safe_id

VAULTS_DIR = "vaults"
DB = "vault.db"
KEYSLOTS = "keyslots.json"
WORKER = "worker.json"
AUDIT_HEAD = "audit-head"
LOCK = "lock"
ATTACHMENTS = "attachments"
FAILED = "failed-unlocks"
TEMP_PREFIXES = (".new-", ".restore-")


class VaultPaths(NamedTuple):
    # A NamedTuple (immutable, compared by value like the frozen dataclass it was): the
    # unlock window lists accounts through this module before anything loads dataclasses.
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / DB

    @property
    def keyslots(self) -> Path:
        return self.folder / KEYSLOTS

    @property
    def worker(self) -> Path:
        return self.folder / WORKER

    @property
    def audit_head(self) -> Path:
        return self.folder / AUDIT_HEAD

    @property
    def lock(self) -> Path:
        return self.folder / LOCK

    @property
    def attachments(self) -> Path:
        return self.folder / ATTACHMENTS

    @property
    def failed(self) -> Path:
        return self.folder / FAILED


def vaults_dir(home) -> Path:
    return Path(home) / VAULTS_DIR


def paths_for(home, worker: str) -> VaultPaths:
    return VaultPaths(vaults_dir(home) / safe_id(worker))


def existing(home, worker: str) -> tuple[str, VaultPaths]:
    """The normalised name and paths of an existing vault, else UnknownWorker."""
    name = normalize_worker(worker)
    paths = paths_for(home, name)
    if not paths.folder.is_dir() or not paths.worker.is_file():
        raise UnknownWorker(name)
    return name, paths


def worker_doc(name: str, vault_id: str, created: str) -> bytes:
    doc = {"format": "donghaeng.worker", "version": 1, "name": name, "vault_id": vault_id,
           "created": created}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_worker(paths: VaultPaths) -> dict:
    try:
        doc = json.loads(paths.worker.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or not isinstance(doc.get("name"), str):
            raise ValueError("no name")
        return doc
    except (OSError, ValueError, UnicodeDecodeError):
        raise VaultCorrupt("worker.json을 읽을 수 없습니다", "worker.json cannot be read") from None


def list_workers(home) -> list[str]:
    """Display names of the vaults under `home` (sorted), for the account picker."""
    root = vaults_dir(home)
    if not root.is_dir():
        return []
    names = []
    for child in root.iterdir():
        if child.name.startswith(".") or not (child / WORKER).is_file():
            continue
        try:
            names.append(read_worker(VaultPaths(child))["name"])
        except VaultCorrupt:
            continue
    return sorted(names)

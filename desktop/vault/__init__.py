"""The encrypted on-device vault (Qt-free). See docs/architecture.md and docs/security.md.

The package's names are loaded on first use (PEP 562): the unlock window lists accounts
through `desktop.vault.layout` without paying for SQLCipher, cryptography and the rest
(65-90 ms of the app's start-up, measured by `ui.start_vs_bare_qt_ratio`)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from desktop.vault.errors import (
    AttachmentCorrupt,
    AttachmentNotFound,
    CaseNotFound,
    DiskFull,
    InvalidInput,
    InvalidWorkerName,
    Issue,
    NotFound,
    RecordNotFound,
    Throttled,
    UnknownWorker,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from desktop.vault.cases import AmbiguousCase, Case
    from desktop.vault.changelog import Change
    from desktop.vault.feed import Changes
    from desktop.vault.record_ops import NewFile
    from desktop.vault.records import Conflicted, Record, RecordRef
    from desktop.vault.search import SearchHit
    from desktop.vault.vault import Vault

_LAZY = {"AmbiguousCase": "cases", "Case": "cases", "Change": "changelog", "Changes": "feed",
         "NewFile": "record_ops", "Conflicted": "records", "Record": "records",
         "RecordRef": "records", "SearchHit": "search", "Vault": "vault"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'desktop.vault' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"desktop.vault.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Vault", "Case", "Record", "RecordRef", "SearchHit", "Issue", "Change", "Changes",
    "NewFile", "AmbiguousCase", "Conflicted",
    "VaultError", "InvalidWorkerName", "UnknownWorker", "VaultExists", "WrongPassphrase",
    "Throttled", "VaultCorrupt", "VaultLocked", "DiskFull", "NotFound", "RecordNotFound",
    "CaseNotFound", "AttachmentNotFound", "InvalidInput", "AttachmentCorrupt",
]

"""The encrypted on-device vault (Qt-free). See docs/architecture.md and docs/security.md."""
from desktop.vault.cases import AmbiguousCase, Case
from desktop.vault.changelog import Change
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
from desktop.vault.feed import Changes
from desktop.vault.record_ops import NewFile
from desktop.vault.records import Conflicted, Record, RecordRef
from desktop.vault.search import SearchHit
from desktop.vault.vault import Vault

__all__ = [
    "Vault", "Case", "Record", "RecordRef", "SearchHit", "Issue", "Change", "Changes",
    "NewFile", "AmbiguousCase", "Conflicted",
    "VaultError", "InvalidWorkerName", "UnknownWorker", "VaultExists", "WrongPassphrase",
    "Throttled", "VaultCorrupt", "VaultLocked", "DiskFull", "NotFound", "RecordNotFound",
    "CaseNotFound", "AttachmentNotFound", "InvalidInput", "AttachmentCorrupt",
]

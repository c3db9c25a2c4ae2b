"""The encrypted on-device vault (Qt-free). See docs/architecture.md and docs/security.md."""
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
from desktop.vault.records import Case, Record, RecordRef
from desktop.vault.search import SearchHit
from desktop.vault.vault import Vault

__all__ = [
    "Vault", "Case", "Record", "RecordRef", "SearchHit", "Issue",
    "VaultError", "InvalidWorkerName", "UnknownWorker", "VaultExists", "WrongPassphrase",
    "Throttled", "VaultCorrupt", "VaultLocked", "DiskFull", "NotFound", "RecordNotFound",
    "CaseNotFound", "AttachmentNotFound", "InvalidInput", "AttachmentCorrupt",
]

"""The messages of enrollment, push, receipts and pull (docs/sync.md, "Protocol").

A **sealed change** is one row of a vault's change log, frozen once when it is first
offered to a server and then sent byte for byte the same on every retry (HPKE sealing is
randomised: sealing again would make a different change). Its header is routing metadata
the server may read; `content` is AES-256-GCM under a fresh content key, and each
`envelopes` entry wraps that key with HPKE to one recipient (the organisation's sealing
key, the devices of the workers who may open the case). `statistic` is the separate
envelope of the form's statistic fields the server counts, dates reduced to the month.

The server hashes the canonical bytes (`to_json`) of a SealedChange: the same change id
and sequence with another hash is a sequence reuse, refused and quarantined.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from sync.protocol.certificates import check_chain_text, check_csr_text
from sync.protocol.codec import b64decode
from sync.protocol.messages import PublicKey, _check_time, _check_uuid
from sync.protocol.orders import WipeOrder

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_FORM = re.compile(r"[a-z][a-z0-9_]{0,63}")
_STAT_KEY = re.compile(r"[a-z][a-z0-9_.]{0,99}")
_CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")

MAX_CHANGES = 500          # per push request (a server says its own: DeviceStatus)
MAX_CONTENT_BYTES = 512 * 1024  # one sealed change's content (base64 text)
MAX_ENVELOPES = 64
ENVELOPE_BYTES = (80, 140)  # direct, batched (sync.client.sealing)
MAX_STATISTIC = 64         # statistic fields per change
PULL_LIMIT = 200           # largest page a client may ask for
MAX_LEASE_DAYS = 3650      # an offline lease longer than ten years is no lease

# What a change does; the vault's change-log ops plus the sync-only ones.
Op = Literal["create", "edit", "delete", "attach", "detach", "case_create", "case_open",
             "case_closed", "case_delete", "share", "purge", "purged",
             "purge_order", "note"]


def _worker_ok(name: str) -> bool:
    return 0 < len(name) <= 200 and name.isprintable() and name == name.strip()


def _hex(value: str, pattern: re.Pattern[str], name: str) -> None:
    if not pattern.fullmatch(value):
        raise ValueError(f"{name}: not {pattern.pattern}")


@dataclass(frozen=True)
class EnrollRequest:
    """POST /v1/enroll, signed by the device key it registers (proof of possession): the
    one-time code from `server enroll` and the device's two public keys."""

    code: str                 # XXXX-XXXX-XXXX (letters and digits without 0/1/O/I)
    device_id: str            # the vault's device id (UUID)
    signing_key: str          # base64 raw Ed25519 public key: verifies requests
    sealing_key: str          # base64 raw X25519 public key: what cases are sealed to
    # the vault's worker: a worker's code enrolls only that worker's vault (the names the
    # records carry must be the names the server routes by); older laptops send none
    worker: str | None = None
    # a PKCS#10 request (PEM) for the vault's P-256 signing key: the server answers with
    # an organisation certificate (sync.protocol.certificates); older laptops send none
    csr: str | None = None

    def __post_init__(self) -> None:
        _check_uuid(self.device_id, "device_id")
        if not _CODE.fullmatch(self.code):
            raise ValueError("code: not a one-time code (XXXX-XXXX-XXXX)")
        if self.worker is not None and not _worker_ok(self.worker):
            raise ValueError("worker: 1 to 200 printable characters")
        if self.csr is not None:
            check_csr_text(self.csr)
        b64decode(self.signing_key, field="signing_key", size=32)
        b64decode(self.sealing_key, field="sealing_key", size=32)


@dataclass(frozen=True)
class EnrollResponse:
    device_id: str
    worker: str
    team: str | None
    role: Literal["worker", "desk"]
    fingerprint: str          # signing.device_fingerprint of the registered keys
    server_epoch: str
    routing_key: str          # base64 32 bytes: case_token = HMAC-SHA256(routing_key, case id)
    receipt_key: str          # base64 raw Ed25519: verifies receipts
    receipt_key_signature: str  # org signing key over signing.receipt_key_statement
    sealing_key: PublicKey    # the organisation's, repeated so enrollment is one answer
    signing_key: PublicKey
    # the organisation's recovery key (a supervisor's, offline): the laptop seals its vault's
    # data key to it in a keyslot. None from a server older than it or initialised before
    recovery_key: PublicKey | None = None
    # the certificate issued for the request's csr, leaf first; None without a csr or from
    # a server without a certificate authority
    certificate_chain: list[str] | None = None

    def __post_init__(self) -> None:
        _check_uuid(self.device_id, "device_id")
        _check_uuid(self.server_epoch, "server_epoch")
        if self.certificate_chain is not None:
            check_chain_text(self.certificate_chain)
        if self.recovery_key is not None and self.recovery_key.purpose != "recovery":
            raise ValueError("recovery_key: not a recovery key")
        b64decode(self.routing_key, field="routing_key", size=32)
        b64decode(self.receipt_key, field="receipt_key", size=32)
        b64decode(self.receipt_key_signature, field="receipt_key_signature", size=64)


@dataclass(frozen=True)
class Envelope:
    """The content key wrapped to one recipient (sync.client.sealing): direct, 80 bytes
    (HPKE base mode, info b"donghaeng/v1/content-key\\n" + change_id), or batched, 140
    bytes (an HPKE-sent batch key, then the content key under it)."""

    recipient: str            # key id (32 hex) of the recipient's X25519 public key
    kind: Literal["org", "device"]
    wrapped: str              # base64 of 80 or 140 bytes

    def __post_init__(self) -> None:
        _hex(self.recipient, _HEX32, "recipient")
        if len(b64decode(self.wrapped, field="wrapped")) not in ENVELOPE_BYTES:
            raise ValueError("wrapped: 80 or 140 bytes")


@dataclass(frozen=True)
class FileRef:
    """An attachment's ciphertext as stored on the laptop, which is what is uploaded."""

    attachment_id: str
    cipher_size: int
    cipher_sha256: str

    def __post_init__(self) -> None:
        _check_uuid(self.attachment_id, "attachment_id")
        if not 0 <= self.cipher_size <= 2**40:
            raise ValueError("cipher_size: 0 to 1 TiB")
        _hex(self.cipher_sha256, _HEX64, "cipher_sha256")


@dataclass(frozen=True)
class SealedChange:
    change_id: str
    device_id: str            # the device whose change log holds it (its sequence)
    device_seq: int           # gapless per device, from 1
    op: Op
    record_id: str | None
    version_id: str | None
    parents: list[str]
    form: str | None
    form_version: int | None
    case_token: str | None    # 64 hex
    month: str                # YYYY-MM of the change: coarse on purpose
    file: FileRef | None
    statistic: dict[str, str]
    content: str              # base64: 12-byte nonce || AES-256-GCM(content JSON)
    envelopes: list[Envelope]
    # op "share" only: the worker the case's content keys are granted to (the server gives
    # them access to the case's changes; the keys themselves are in the sealed content)
    grantee: str | None = None

    def __post_init__(self) -> None:
        _check_uuid(self.change_id, "change_id")
        _check_uuid(self.device_id, "device_id")
        if self.device_seq < 1:
            raise ValueError("device_seq: from 1")
        for name in ("record_id", "version_id"):
            value = getattr(self, name)
            if value is not None:
                _check_uuid(value, name)
        if len(self.parents) > 16:
            raise ValueError("parents: at most 16")
        for p in self.parents:
            _check_uuid(p, "parents[]")
        if self.form is not None:
            _hex(self.form, _FORM, "form")
        if self.form_version is not None and not 1 <= self.form_version <= 10_000:
            raise ValueError("form_version: 1 to 10000")
        if self.case_token is not None:
            _hex(self.case_token, _HEX64, "case_token")
        if not _MONTH.fullmatch(self.month):
            raise ValueError("month: YYYY-MM")
        if len(self.statistic) > MAX_STATISTIC:
            raise ValueError(f"statistic: at most {MAX_STATISTIC} fields")
        for k, v in self.statistic.items():
            if not _STAT_KEY.fullmatch(k) or len(v) > 100:
                raise ValueError(f"statistic.{k[:40]}: bad key or value over 100 characters")
        if len(self.content) > MAX_CONTENT_BYTES:
            raise ValueError(f"content: over {MAX_CONTENT_BYTES} bytes")
        b64decode(self.content, field="content")
        if not 1 <= len(self.envelopes) <= MAX_ENVELOPES:
            raise ValueError(f"envelopes: 1 to {MAX_ENVELOPES}")
        if self.grantee is not None and (self.op != "share" or not _worker_ok(self.grantee)):
            raise ValueError("grantee: a worker name, on a share only")


@dataclass(frozen=True)
class PushRequest:
    """POST /v1/push (signed): this device's next changes, in device_seq order."""

    MAX_BYTES: ClassVar[int] = 8 * 1024 * 1024
    changes: list[SealedChange]

    def __post_init__(self) -> None:
        if not 1 <= len(self.changes) <= MAX_CHANGES:
            raise ValueError(f"changes: 1 to {MAX_CHANGES}")


@dataclass(frozen=True)
class Receipt:
    """The server's acknowledgement of one stored change (its signed text:
    signing.receipt_text), as a push answer carries it: the answer's `batch_signature` covers all its receipts
    (receipt_proofs). The laptop marks a change delivered only once it has stored it
    with its proof (`StoredReceipt`)."""

    change_id: str
    device_id: str
    device_seq: int
    server_seq: int
    server_epoch: str
    sha256: str               # of the change's canonical bytes
    received_at: str

    def __post_init__(self) -> None:
        _check_uuid(self.change_id, "change_id")
        _check_uuid(self.device_id, "device_id")
        _check_uuid(self.server_epoch, "server_epoch")
        _hex(self.sha256, _HEX64, "sha256")
        _check_time(self.received_at, "received_at")

    @classmethod
    def made(cls, **fields: Any) -> Receipt:
        """A receipt the server makes from values it produced or has already checked (the
        change's ids, its own hash, time and epoch): without the checks above, which cost
        a push of 100 changes as much as storing them. Every receipt a laptop receives is
        decoded, and so checked, the usual way."""
        receipt = object.__new__(cls)
        receipt.__dict__.update(fields)
        return receipt


@dataclass(frozen=True)
class StoredReceipt(Receipt):
    """A receipt as the laptop keeps it: the worker's proof that the server stored the
    change. `signature` is the receipt key's over the push answer's tree head, `path`
    the audit path (base64 SHA-256 hashes) from this receipt, leaf `index` of `size`,
    to that head (receipt_proofs.verify_stored)."""

    index: int
    size: int
    path: list[str]
    signature: str

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 0 <= self.index < self.size:
            raise ValueError("index: within size")
        if len(self.path) > 64:
            raise ValueError("path: at most 64 hashes")
        b64decode(self.signature, field="signature", size=64)


@dataclass(frozen=True)
class Refusal:
    """A change the server did not store as sent (it stays in the laptop's outbox)."""

    change_id: str
    device_seq: int
    error: Literal["sequence_reuse", "quarantined"]
    message: str


@dataclass(frozen=True)
class PushResponse:
    # a receipt is ~600 bytes of JSON: the default 64 KiB would cap a batch near 100
    MAX_BYTES: ClassVar[int] = 4 * 1024 * 1024

    receipts: list[Receipt]
    refused: list[Refusal]
    # set when the batch skipped a number: the server applied up to it and wants this
    # device_seq next (the client resends from there)
    expected_seq: int | None
    high_water: int           # the device's mark on the server after this request
    # the receipt key over the tree head of `receipts` (receipt_proofs.statement); None
    # only when there are no receipts
    batch_signature: str | None = None


@dataclass(frozen=True)
class PulledChange:
    server_seq: int
    change: SealedChange      # envelopes filtered to the pulling device's (and org's)
    author: str               # the worker whose device made it
    conflicted: bool          # its record has more than one head on the server now
    waiting: bool             # a parent has not arrived on the server


@dataclass(frozen=True)
class PullPage:
    """GET /v1/pull?after=N&limit=L (signed): the changes after server sequence N this
    device may see, its own excluded, in server order; store `next_after` with the page."""

    MAX_BYTES: ClassVar[int] = 64 * 1024 * 1024
    changes: list[PulledChange]
    next_after: int
    more: bool
    server_epoch: str


@dataclass(frozen=True)
class DeviceStatus:
    """GET /v1/device (signed): what the server knows of this device."""

    device_id: str
    worker: str
    state: Literal["active", "retiring", "retired", "revoked_lost", "wiped"]
    high_water: int
    server_seq: int           # the server's last sequence (a restore shows as going back)
    server_epoch: str
    files_missing: list[str] = field(default_factory=list)  # attachment ids not yet present
    # signed by the organisation's offline key; a server without it sends null (or, an
    # older one, nothing): the default keeps both readable
    wipe_order: WipeOrder | None = None
    # the center's offline lease (days a laptop may go without contact before it opens
    # only after an online check); null or absent: no lease
    offline_lease_days: int | None = None
    # the most changes one push may carry; a server that does not say takes 100
    max_changes: int = 100
    # the server takes batched envelopes (sync.client.sealing); an older one, only direct
    batched_envelopes: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.max_changes <= 100_000:
            raise ValueError("max_changes: 1 to 100000")
        if self.offline_lease_days is not None and not (
                1 <= self.offline_lease_days <= MAX_LEASE_DAYS):
            raise ValueError(f"offline_lease_days: 1 to {MAX_LEASE_DAYS}")


@dataclass(frozen=True)
class RecipientKey:
    """A device a case is sealed to: an active device of a worker who may open it."""

    device_id: str
    worker: str
    key_id: str               # key id of `key`
    key: str                  # base64 raw X25519 public key

    def __post_init__(self) -> None:
        _check_uuid(self.device_id, "device_id")
        _hex(self.key_id, _HEX32, "key_id")
        b64decode(self.key, field="key", size=32)


@dataclass(frozen=True)
class RecipientsRequest:
    """POST /v1/recipients (signed): who to seal these cases' changes to."""

    case_tokens: list[str]
    workers: list[str] = field(default_factory=list)  # whose devices (a share's grantee)

    def __post_init__(self) -> None:
        if len(self.case_tokens) > 500:
            raise ValueError("case_tokens: at most 500")
        for t in self.case_tokens:
            _hex(t, _HEX64, "case_tokens[]")
        if len(self.workers) > 20 or not all(_worker_ok(w) for w in self.workers):
            raise ValueError("workers: at most 20 worker names")


@dataclass(frozen=True)
class RecipientsResponse:
    """Per case token, the active devices of the workers who may open the case (its
    author and those it was shared with); a token the server has not seen yet names the
    asking worker's own devices. `own` lists the asking worker's devices (for changes
    outside any case)."""

    MAX_BYTES: ClassVar[int] = 4 * 1024 * 1024
    recipients: dict[str, list[RecipientKey]]
    own: list[RecipientKey]
    workers: dict[str, list[RecipientKey]] = field(default_factory=dict)  # as asked


# --- the desk's overview of workers (docs/sync.md, "The desk's overview of workers") ---

_APP_VERSION = re.compile(r"[0-9A-Za-z.+_-]{1,40}")
_REPORT_COUNTS = ("pending_changes", "pending_files", "pending_bytes", "conflicts",
                  "inbox_waiting")


@dataclass(frozen=True)
class DeviceReport:
    """POST /v1/device/report (signed): the laptop's own counts after a round that
    succeeded, for the center's desk. Counts, one time and the app's version only: never
    a case code, a name or anything of a record — the server learns nothing of victims."""

    pending_changes: int      # changes without a receipt
    pending_files: int        # files not confirmed complete on the server
    pending_bytes: int        # their bytes still to send
    conflicts: int            # records with more than one head on the laptop
    inbox_waiting: int        # pulled changes waiting (a parent, a key)
    last_success: str | None  # when the round that sent this report succeeded
    app_version: str
    # when the vault's passphrase was last reset with the organisation's recovery key (its
    # audit entry's time); None if never, or from an app older than recovery
    passphrase_recovered: str | None = None

    def __post_init__(self) -> None:
        for name in _REPORT_COUNTS:
            if getattr(self, name) < 0:
                raise ValueError(f"{name}: negative")
        for name in ("last_success", "passphrase_recovered"):
            if getattr(self, name) is not None:
                _check_time(getattr(self, name), name)
        _hex(self.app_version, _APP_VERSION, "app_version")


@dataclass(frozen=True)
class ReportStored:
    """The answer to a report: when the server stored it."""

    reported_at: str

    def __post_init__(self) -> None:
        _check_time(self.reported_at, "reported_at")


@dataclass(frozen=True)
class DeviceOverview:
    """One enrolled device as the desk's overview shows it."""

    device_id: str
    worker: str
    team: str | None
    role: Literal["worker", "desk"]
    state: Literal["active", "retiring", "retired", "revoked_lost", "wiped"]
    last_seen: str | None     # the last signed request (written at most once a minute)
    changes: int              # changes of its chain stored on the server
    high_water: int           # the last device sequence the server applied
    report: DeviceReport | None = None  # its last report (null: none yet, or old laptop)
    reported_at: str | None = None


@dataclass(frozen=True)
class WorkersOverview:
    """GET /v1/overview (signed; the center's desk only): every device, and per worker
    the records conflicted on the server that have a head written by that worker."""

    MAX_BYTES: ClassVar[int] = 4 * 1024 * 1024
    devices: list[DeviceOverview]
    conflicts: dict[str, int]
    server_seq: int

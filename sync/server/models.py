"""The server's tables (SQLAlchemy 2 typed declarative). Alembic's revisions in
migrations/versions/ create them; tests/sync checks the two agree.

Nothing here can hold a victim's story: the server stores public keys, device routing
data and (next) sealed changes it cannot open.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints: Alembic's batch mode on SQLite can only alter what it can name.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC times on both databases (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ServerIdentity(Base):
    """One row, made by `server init`: which server this database is."""

    __tablename__ = "server_identity"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # the database lineage: kept across restores, so receipts stay comparable (docs/sync.md)
    epoch: Mapped[str] = mapped_column(String(36), unique=True)
    organisation: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OrgKey(Base):
    """The organisation's public keys. A rotation retires a key (retired_at) and adds one;
    old keys stay so that old signatures and receipts can still be checked."""

    __tablename__ = "org_keys"
    __table_args__ = (
        CheckConstraint("purpose IN ('sealing', 'signing', 'recovery')", name="purpose"),
        # one current key per purpose
        Index("uq_org_keys_current_purpose", "purpose", unique=True,
              sqlite_where=text("retired_at IS NULL"),
              postgresql_where=text("retired_at IS NULL")),
    )

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    algorithm: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Device(Base):
    """An enrolled laptop vault. Kept forever, revoked ones included: its high-water mark
    is what makes a replay from a restored backup harmless."""

    __tablename__ = "devices"
    __table_args__ = (
        CheckConstraint("role IN ('worker', 'desk')", name="role"),
        # retiring: still syncs until its outbox is empty, then retired (0004_orders)
        CheckConstraint("state IN ('active', 'retiring', 'retired', 'revoked_lost', "
                        "'wiped')", name="state"),
        CheckConstraint("high_water >= 0", name="high_water"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    worker: Mapped[str] = mapped_column(String(200), index=True)
    team: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), server_default="active")
    # Ed25519: verifies the device's request signatures; X25519: what cases are sealed to
    signing_key: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    sealing_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # the last per-device sequence number applied (gapless; 0 = nothing yet)
    high_water: Mapped[int] = mapped_column(BigInteger, server_default="0")
    # the device's last report of its own counts (0007_reports): the canonical JSON of a
    # protocol DeviceReport — counts, a time and the app's version, never record content
    report: Mapped[str | None] = mapped_column(Text, nullable=True)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ServerSequence(Base):
    """One counter row for the server sequence (the pull cursor).

    PostgreSQL sequences hand out numbers in call order, not commit order: a reader
    paging "after N" could pass a number whose transaction commits later. Taking the next
    numbers with UPDATE … RETURNING on this row locks it until commit, so writers that
    allocate numbers commit in number order (sync/server/sequence.py)."""

    __tablename__ = "server_sequence"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),
                      CheckConstraint("last_seq >= 0", name="last_seq"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


# --- schema 0002_sync: enrollment, signed requests, push, pull (docs/sync.md) ---


class ServerKeys(Base):
    """One row, made by `server init`: the receipt key's public half with the
    organisation signing key's statement over it, and the routing key devices derive case
    tokens with (HMAC-SHA256(routing_key, case id)). The receipt key's private half is in
    DATA/receipt.key, not here: a database dump alone cannot forge receipts."""

    __tablename__ = "server_keys"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    # Ed25519 by the organisation signing key over signing.receipt_key_statement
    receipt_key_signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    routing_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EnrollCode(Base):
    """A one-time enrollment code from `server enroll`, kept only as its SHA-256 (a dump
    of the table enrolls nobody). Single use: `used_at` is set in the transaction that
    registers the device."""

    __tablename__ = "enroll_codes"
    __table_args__ = (CheckConstraint("role IN ('worker', 'desk')", name="role"),)

    code_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    worker: Mapped[str] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Nonce(Base):
    """Nonces of signed requests seen within the clock window, per device. In the
    database, not in a process: a replay sent to another `server run` is refused too.
    Rows whose request time left the window are pruned (a replay of them fails the time
    check instead)."""

    __tablename__ = "nonces"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class Change(Base):
    """A stored sealed change: its canonical bytes (`body`, which the server cannot open),
    the routing header copied out of them for queries, and its receipt's fields (the
    receipt key signs a push answer's receipts after the commit: receipt_proofs). Never
    updated except `waiting` (cleared when the missing parent arrives) and a purge order's
    emptying; never deleted."""

    __tablename__ = "changes"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq"),
        # only waiting changes: heads.py looks for a push's records' waiting children
        Index("ix_changes_waiting_record_id", "record_id",
              postgresql_where=text("waiting IS TRUE"), sqlite_where=text("waiting IS 1")),
    )

    # the commit-ordered pull cursor (sync/server/sequence.py)
    server_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True,
                                            autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    # the device whose change log holds it (its sequence chain) ...
    # no foreign keys to devices (migration 0011: a check per row, and a push has locked
    # its chains' device rows anyway; devices are never deleted)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    # ... and the device that sent it (another device of the same worker after a restore)
    sent_by: Mapped[str] = mapped_column(String(36))
    worker: Mapped[str] = mapped_column(String(200), index=True)  # the author
    op: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    version_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    parents: Mapped[str] = mapped_column(Text)  # parent version ids, comma-separated
    case_token: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # the attachment whose ciphertext this change references (the file store's pending)
    attachment_id: Mapped[str | None] = mapped_column(String(36), nullable=True,
                                                       index=True)
    # a parent version has not arrived: not a head until it does
    waiting: Mapped[bool] = mapped_column(Boolean)
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # a purge order of its case emptied `body` (sync/server/purge.py): the header, hash
    # and receipt stay, so a replay still gets its receipt; nobody pulls it any more
    purged: Mapped[bool] = mapped_column(Boolean, default=False,
                                         server_default=text("false"))


class Quarantined(Base):
    """Changes kept but not applied: a sequence reused with other bytes, or pushed by a
    device revoked as lost. Kept for the center to look at; one row per distinct bytes
    and reason (a client retrying the same refused change adds nothing)."""

    __tablename__ = "quarantine"
    __table_args__ = (
        CheckConstraint("reason IN ('sequence_reuse', 'revoked_lost')", name="reason"),
        UniqueConstraint("sha256", "reason"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    sent_by: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseAccess(Base):
    """Which workers may receive a case's changes, by HMAC case token (the server never
    sees a case code): the author when the token first arrives, later share grants."""

    __tablename__ = "case_access"

    case_token: Mapped[str] = mapped_column(String(64), primary_key=True)
    worker: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    granted_by: Mapped[str] = mapped_column(String(200))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RecordHead(Base):
    """The current head versions of each record on the server; more than one head is a
    conflict, kept and shown, never resolved by picking a winner."""

    __tablename__ = "record_heads"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version_id: Mapped[str] = mapped_column(String(36), primary_key=True)


# --- schema 0003_files: tus uploads and the content-addressed file store (docs/sync.md) ---


class Upload(Base):
    """A tus upload of one attachment's ciphertext by one device. Its offset lives here,
    not in a process, so any `server run` on this database can continue it; the bytes
    received so far are DATA/uploads/<partial_name(token)>.

    `token` is the capability in the upload URL, kept in clear so that creating the same
    upload again answers the same URL (docs/sync.md, "Files: tus uploads")."""

    __tablename__ = "uploads"
    __table_args__ = (
        CheckConstraint("upload_offset >= 0 AND upload_offset <= length", name="offset"),
        # one live upload per device and attachment (creation returns it again)
        Index("uq_uploads_live", "attachment_id", "device_id", unique=True,
              sqlite_where=text("completed_at IS NULL"),
              postgresql_where=text("completed_at IS NULL")),
    )

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    attachment_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    worker: Mapped[str] = mapped_column(String(200))
    # the ciphertext's size and SHA-256, from the stored change's FileRef (never from the
    # tus headers alone)
    length: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    # bytes received, fsynced and confirmed; only ever moved by UPDATE … WHERE
    # upload_offset = the value the writer started from ("offset" is an SQL keyword)
    upload_offset: Mapped[int] = mapped_column(BigInteger, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class StoredFile(Base):
    """An attachment's ciphertext as the server expects it (from the first stored change
    that referenced it) and whether it is present: complete and verified, at
    DATA/files/<sha[:2]>/<sha>."""

    __tablename__ = "files"

    attachment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cipher_sha256: Mapped[str] = mapped_column(String(64), index=True)
    cipher_size: Mapped[int] = mapped_column(BigInteger)
    present: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    stored_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


# --- schema 0004_orders: wipe orders and their receipts (docs/sync.md) ---


class WipeOrderRow(Base):
    """A wipe order signed by the organisation's offline signing key at `server revoke
    --org-key`; the server stores and delivers it but could not have made it. Delivered
    to its device once the device is revoked as lost or retired (sync/server/revocation.py);
    `receipt_signature` is the device's own signed statement that it wiped."""

    __tablename__ = "wipe_orders"
    __table_args__ = (CheckConstraint("mode IN ('retire', 'lost')", name="mode"),)

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    mode: Mapped[str] = mapped_column(String(8))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # exactly the text that was signed (wipe_order_text): no re-formatting of a time
    issued_text: Mapped[str] = mapped_column(String(40))
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    wiped_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    receipt_signature: Mapped[bytes | None] = mapped_column(LargeBinary(64), nullable=True)
    receipt_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime(),
                                                                 nullable=True)


# --- schema 0005_forms: form releases (docs/sync.md, "Form releases") ---


class FormReleaseRow(Base):
    """A form release signed by the organisation's offline signing key at `server forms
    publish`; the server stores and serves it but could not have made it. `seq` orders
    releases for the laptops' cursor (given under a lock, so in commit order)."""

    __tablename__ = "form_releases"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    release_id: Mapped[str] = mapped_column(String(36), unique=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # exactly the text that was signed (release_text): no re-formatting of a time
    published_text: Mapped[str] = mapped_column(String(40))
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime())


class FormReleaseForm(Base):
    """One form version of a release: its YAML exactly as published, and its SHA-256
    (which the signed text covers)."""

    __tablename__ = "form_release_forms"

    release_seq: Mapped[int] = mapped_column(ForeignKey("form_releases.seq"),
                                             primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    yaml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))


class ServerPolicy(Base):
    """One row at most: the center's policies for its laptops (`server policy`). No row,
    or a null, is no policy. offline_lease_days: days a laptop may go without contact
    before it opens only after an online check (docs/sync.md, "Offline lease")."""

    __tablename__ = "server_policy"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("offline_lease_days IS NULL OR offline_lease_days >= 1",
                        name="offline_lease_days"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offline_lease_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# --- schema 0010_pki: the center's certificate authority (sync/server/pki.py) ---


class IssuedCertificate(Base):
    """A worker certificate the issuing CA signed (the certificate itself is public and
    kept whole, so the CRL and a later audit need nothing else). `revoked_at` is set by
    `server revoke`; the issuing CA's CRL lists every row that has one."""

    __tablename__ = "certificates"

    serial: Mapped[str] = mapped_column(String(40), primary_key=True)  # lowercase hex
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    worker: Mapped[str] = mapped_column(String(200))
    issuer_ski: Mapped[str] = mapped_column(String(64))  # hex: which issuing CA signed it
    not_after: Mapped[datetime] = mapped_column(UTCDateTime())
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)


class CrlRow(Base):
    """Every CRL published, newest served. `number` is the CRL's cRLNumber (it must grow
    per issuer, and two server processes may publish at once: the database numbers them).
    issuer: 'issuing' (signed by the server, refreshed daily and on revoke) or 'root'
    (signed at a key ceremony with KEYDIR/root-ca.key)."""

    __tablename__ = "crls"
    __table_args__ = (CheckConstraint("issuer IN ('issuing', 'root')", name="issuer"),
                      {"sqlite_autoincrement": True})

    number: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                        primary_key=True, autoincrement=True)
    issuer: Mapped[str] = mapped_column(String(8), index=True)
    this_update: Mapped[datetime] = mapped_column(UTCDateTime())
    next_update: Mapped[datetime] = mapped_column(UTCDateTime())
    der: Mapped[bytes] = mapped_column(LargeBinary)


class TsaToken(Base):
    """One row per block of the built-in TSA's serial numbers a server process reserved
    (sync/server/timestamps.py): the block's number comes from this table's identity
    column (a database sequence on PostgreSQL, SQLite's AUTOINCREMENT), so processes
    sharing a database never repeat a serial. No imprint is kept: it could be a hash of a
    victim's image."""

    __tablename__ = "tsa_tokens"
    __table_args__ = {"sqlite_autoincrement": True}  # a serial is never handed out twice

    serial: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                        primary_key=True, autoincrement=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())

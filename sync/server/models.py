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
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
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
        CheckConstraint("purpose IN ('sealing', 'signing')", name="purpose"),
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
        CheckConstraint("state IN ('active', 'retiring', 'revoked_lost', 'wiped')",
                        name="state"),
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

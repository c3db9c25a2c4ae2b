"""foundation: server identity, organisation public keys, devices, server sequence

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(36), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_server_identity_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_identity")),
        sa.UniqueConstraint("epoch", name=op.f("uq_server_identity_epoch")),
    )
    op.create_table(
        "org_keys",
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("algorithm", sa.String(16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("retired_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("purpose IN ('sealing', 'signing')", name=op.f("ck_org_keys_purpose")),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_org_keys")),
    )
    op.create_index("uq_org_keys_current_purpose", "org_keys", ["purpose"], unique=True,
                    sqlite_where=sa.text("retired_at IS NULL"),
                    postgresql_where=sa.text("retired_at IS NULL"))
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("team", sa.String(200), nullable=True),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("state", sa.String(16), server_default="active", nullable=False),
        sa.Column("signing_key", sa.LargeBinary(32), nullable=False),
        sa.Column("sealing_key", sa.LargeBinary(32), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("enrolled_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=True),
        sa.Column("high_water", sa.BigInteger(), server_default="0", nullable=False),
        sa.CheckConstraint("role IN ('worker', 'desk')", name=op.f("ck_devices_role")),
        sa.CheckConstraint("state IN ('active', 'retiring', 'revoked_lost', 'wiped')",
                           name=op.f("ck_devices_state")),
        sa.CheckConstraint("high_water >= 0", name=op.f("ck_devices_high_water")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("signing_key", name=op.f("uq_devices_signing_key")),
    )
    op.create_index(op.f("ix_devices_worker"), "devices", ["worker"])
    counter = op.create_table(
        "server_sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_server_sequence_single_row")),
        sa.CheckConstraint("last_seq >= 0", name=op.f("ck_server_sequence_last_seq")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_sequence")),
    )
    # the one counter row exists from the start, so allocation never has to create it
    # (two processes racing to insert it would be the very problem it solves)
    op.bulk_insert(counter, [{"id": 1, "last_seq": 0}])


def downgrade() -> None:
    op.drop_table("server_sequence")
    op.drop_index(op.f("ix_devices_worker"), table_name="devices")
    op.drop_table("devices")
    op.drop_index("uq_org_keys_current_purpose", table_name="org_keys")
    op.drop_table("org_keys")
    op.drop_table("server_identity")

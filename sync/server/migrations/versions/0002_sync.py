"""sync: receipt and routing keys, enrollment codes, nonces, changes, quarantine, case
access, record heads

Revision ID: 0002_sync
Revises: 0001
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0002_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_key", sa.LargeBinary(32), nullable=False),
        sa.Column("receipt_key_signature", sa.LargeBinary(64), nullable=False),
        sa.Column("routing_key", sa.LargeBinary(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_server_keys_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_keys")),
    )
    op.create_table(
        "enroll_codes",
        sa.Column("code_sha256", sa.String(64), nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("team", sa.String(200), nullable=True),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.CheckConstraint("role IN ('worker', 'desk')", name=op.f("ck_enroll_codes_role")),
        sa.PrimaryKeyConstraint("code_sha256", name=op.f("pk_enroll_codes")),
    )
    op.create_table(
        "nonces",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "nonce", name=op.f("pk_nonces")),
    )
    op.create_index(op.f("ix_nonces_sent_at"), "nonces", ["sent_at"])
    op.create_table(
        "changes",
        sa.Column("server_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("change_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("sent_by", sa.String(36), nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=True),
        sa.Column("version_id", sa.String(36), nullable=True),
        sa.Column("parents", sa.Text(), nullable=False),
        sa.Column("case_token", sa.String(64), nullable=True),
        sa.Column("attachment_id", sa.String(36), nullable=True),
        sa.Column("waiting", sa.Boolean(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("receipt_signature", sa.LargeBinary(64), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name=op.f("fk_changes_device_id_devices")),
        sa.ForeignKeyConstraint(["sent_by"], ["devices.id"],
                                name=op.f("fk_changes_sent_by_devices")),
        sa.PrimaryKeyConstraint("server_seq", name=op.f("pk_changes")),
        sa.UniqueConstraint("change_id", name=op.f("uq_changes_change_id")),
        sa.UniqueConstraint("device_id", "device_seq",
                            name=op.f("uq_changes_device_id_device_seq")),
    )
    for column in ("worker", "record_id", "version_id", "case_token", "attachment_id"):
        op.create_index(op.f(f"ix_changes_{column}"), "changes", [column])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("change_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("sent_by", sa.String(36), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("reason IN ('sequence_reuse', 'revoked_lost')",
                           name=op.f("ck_quarantine_reason")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
        sa.UniqueConstraint("sha256", "reason", name=op.f("uq_quarantine_sha256_reason")),
    )
    op.create_table(
        "case_access",
        sa.Column("case_token", sa.String(64), nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("granted_by", sa.String(200), nullable=False),
        sa.Column("granted_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("case_token", "worker", name=op.f("pk_case_access")),
    )
    op.create_index(op.f("ix_case_access_worker"), "case_access", ["worker"])
    op.create_table(
        "record_heads",
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("version_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "version_id", name=op.f("pk_record_heads")),
    )


def downgrade() -> None:
    op.drop_table("record_heads")
    op.drop_index(op.f("ix_case_access_worker"), table_name="case_access")
    op.drop_table("case_access")
    op.drop_table("quarantine")
    for column in ("worker", "record_id", "version_id", "case_token", "attachment_id"):
        op.drop_index(op.f(f"ix_changes_{column}"), table_name="changes")
    op.drop_table("changes")
    op.drop_index(op.f("ix_nonces_sent_at"), table_name="nonces")
    op.drop_table("nonces")
    op.drop_table("enroll_codes")
    op.drop_table("server_keys")

"""files: tus uploads (offsets in the database) and the file store's attachments

Revision ID: 0003_files
Revises: 0002_sync
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0003_files"
down_revision = "0002_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploads",
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("attachment_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("upload_offset", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("upload_offset >= 0 AND upload_offset <= length",
                           name=op.f("ck_uploads_offset")),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name=op.f("fk_uploads_device_id_devices")),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_uploads")),
    )
    op.create_index(op.f("ix_uploads_attachment_id"), "uploads", ["attachment_id"])
    op.create_index(op.f("ix_uploads_expires_at"), "uploads", ["expires_at"])
    op.create_index("uq_uploads_live", "uploads", ["attachment_id", "device_id"],
                    unique=True, sqlite_where=sa.text("completed_at IS NULL"),
                    postgresql_where=sa.text("completed_at IS NULL"))
    op.create_table(
        "files",
        sa.Column("attachment_id", sa.String(36), nullable=False),
        sa.Column("cipher_sha256", sa.String(64), nullable=False),
        sa.Column("cipher_size", sa.BigInteger(), nullable=False),
        sa.Column("present", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("stored_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_files")),
    )
    op.create_index(op.f("ix_files_cipher_sha256"), "files", ["cipher_sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_files_cipher_sha256"), table_name="files")
    op.drop_table("files")
    op.drop_index("uq_uploads_live", table_name="uploads")
    op.drop_index(op.f("ix_uploads_expires_at"), table_name="uploads")
    op.drop_index(op.f("ix_uploads_attachment_id"), table_name="uploads")
    op.drop_table("uploads")

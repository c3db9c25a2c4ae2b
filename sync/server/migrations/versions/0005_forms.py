"""forms: signed form releases and their form versions

Revision ID: 0005_forms
Revises: 0004_orders
Create Date: 2026-12-09
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0005_forms"
down_revision = "0004_orders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_releases",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("release_id", sa.String(36), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("published_text", sa.String(40), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary(64), nullable=False),
        sa.Column("stored_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_form_releases")),
        sa.UniqueConstraint("release_id", name=op.f("uq_form_releases_release_id")),
    )
    op.create_table(
        "form_release_forms",
        sa.Column("release_seq", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("yaml", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["release_seq"], ["form_releases.seq"],
                                name=op.f("fk_form_release_forms_release_seq_form_releases")),
        sa.PrimaryKeyConstraint("release_seq", "position",
                                name=op.f("pk_form_release_forms")),
    )


def downgrade() -> None:
    op.drop_table("form_release_forms")
    op.drop_table("form_releases")

"""policy: the center's policies for its laptops (the offline lease)

Revision ID: 0008_policy
Revises: 0007_reports
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0008_policy"
down_revision = "0007_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offline_lease_days", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_server_policy_single_row")),
        sa.CheckConstraint("offline_lease_days IS NULL OR offline_lease_days >= 1",
                           name=op.f("ck_server_policy_offline_lease_days")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_policy")),
    )


def downgrade() -> None:
    op.drop_table("server_policy")

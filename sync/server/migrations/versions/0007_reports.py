"""reports: a device's last report of its own counts, for the center's desk

Revision ID: 0007_reports
Revises: 0006_purge
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0007_reports"
down_revision = "0006_purge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (nullable, no default): no batch rebuild of `devices`, which the
    # foreign keys of `changes` and `uploads` would refuse on SQLite (see 0004_orders)
    op.add_column("devices", sa.Column("report", sa.Text(), nullable=True))
    op.add_column("devices", sa.Column("reported_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place (ALTER TABLE … DROP COLUMN)
    op.drop_column("devices", "reported_at")
    op.drop_column("devices", "report")

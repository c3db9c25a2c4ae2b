"""purge: changes emptied by a purge order from the center's desk

Revision ID: 0006_purge
Revises: 0005_forms
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_purge"
down_revision = "0005_forms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot add a NOT NULL column with a server default otherwise
    with op.batch_alter_table("changes") as batch:
        batch.add_column(sa.Column("purged", sa.Boolean(), nullable=False,
                                   server_default=sa.text("false")))


def downgrade() -> None:
    with op.batch_alter_table("changes") as batch:
        batch.drop_column("purged")

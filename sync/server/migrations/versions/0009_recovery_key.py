"""recovery key: the organisation's recovery public key is one of its keys (org_keys)

Revision ID: 0009_recovery_key
Revises: 0008_policy
Create Date: 2026-12-06
"""
from __future__ import annotations

from alembic import op

revision = "0009_recovery_key"
down_revision = "0008_policy"
branch_labels = None
depends_on = None

_NAME = "ck_org_keys_purpose"


def _purposes(condition: str) -> None:
    # SQLite cannot alter a CHECK: batch mode rebuilds `org_keys` (no foreign key names
    # it); PostgreSQL swaps the constraint in place
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("org_keys", recreate="always") as batch:
            batch.drop_constraint(op.f(_NAME), type_="check")
            batch.create_check_constraint(op.f(_NAME), condition)
    else:
        op.drop_constraint(op.f(_NAME), "org_keys", type_="check")
        op.create_check_constraint(op.f(_NAME), "org_keys", condition)


def upgrade() -> None:
    _purposes("purpose IN ('sealing', 'signing', 'recovery')")


def downgrade() -> None:
    op.execute("DELETE FROM org_keys WHERE purpose = 'recovery'")
    _purposes("purpose IN ('sealing', 'signing')")

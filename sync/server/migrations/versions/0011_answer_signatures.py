"""answer signatures: one signature per push answer, none stored per change

Protocol 2 signs a push answer's receipts once, over a tree of them
(sync/protocol/receipt_proofs.py), after the commit; Ed25519 is deterministic, so a
replay gets the same signature without one being stored. The per-change signature column
goes.

Revision ID: 0011_answer_signatures
Revises: 0010_pki
Create Date: 2026-12-07
"""
from __future__ import annotations

from alembic import op

revision = "0011_answer_signatures"
down_revision = "0010_pki"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite rebuilds the table to drop a column
    with op.batch_alter_table("changes") as batch:
        batch.drop_column("receipt_signature")


def downgrade() -> None:
    # the per-change signatures of protocol 1 cannot be made here (the receipt key is in
    # the data folder, not in the database): go back by restoring a backup
    raise NotImplementedError("0011_answer_signatures cannot be undone; restore a backup "
                              "taken before the upgrade")

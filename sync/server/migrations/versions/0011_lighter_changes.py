"""lighter changes: what PostgreSQL does for each stored change, cut to what is used

Measured on PostgreSQL 15 (docs/architecture.md, "The server under fifty laptops at
once"): the backend's cost of storing a push's 100 changes was ~50 µs a row, a third of a
push's CPU. Per row it went to eight index inserts, two foreign-key checks and, for the
~1.9 KB bodies of real records, TOAST trying to compress ciphertext and moving it out.

- `receipt_signature` goes: protocol 2 signs a push answer's receipts once, over a tree
  of them (sync/protocol/receipt_proofs.py), after the commit; Ed25519 is deterministic,
  so a replay gets the same signature without one being stored.
- The foreign keys of `device_id` and `sent_by` to `devices` go: a push locks its chains'
  device rows (FOR UPDATE) and `sent_by` is the device that signed it, and no code ever
  deletes a device; the check cost a query and a row lock per row (a quarter of the
  insert).
- `record_id`'s index covers only waiting changes: its one user (heads.py `_WAITING`)
  looks for waiting children of a push's records.
- PostgreSQL: `body` is stored as it is (ciphertext does not compress) and a row stays in
  the table up to 4 KB, so a record's change is not moved to the TOAST table.

Revision ID: 0011_lighter_changes
Revises: 0010_pki
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_lighter_changes"
down_revision = "0010_pki"
branch_labels = None
depends_on = None

WAITING_PG, WAITING_SQLITE = "waiting IS TRUE", "waiting IS 1"  # as each renders is_(True)


def upgrade() -> None:
    op.drop_index(op.f("ix_changes_record_id"), table_name="changes")
    # batch mode: SQLite rebuilds the table to drop a column or a foreign key
    with op.batch_alter_table("changes") as batch:
        batch.drop_column("receipt_signature")
        batch.drop_constraint(op.f("fk_changes_device_id_devices"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_changes_sent_by_devices"), type_="foreignkey")
    op.create_index(op.f("ix_changes_waiting_record_id"), "changes", ["record_id"],
                    postgresql_where=sa.text(WAITING_PG),
                    sqlite_where=sa.text(WAITING_SQLITE))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE changes ALTER COLUMN body SET STORAGE EXTERNAL")
        op.execute("ALTER TABLE changes SET (toast_tuple_target = 4080)")


def downgrade() -> None:
    # the per-change signatures of protocol 1 cannot be made here (the receipt key is in
    # the data folder, not in the database): go back by restoring a backup
    raise NotImplementedError("0011_lighter_changes cannot be undone; restore a backup "
                              "taken before the upgrade")

"""orders: the device state `retired`, wipe orders and their receipts

Revision ID: 0004_orders
Revises: 0003_files
Create Date: 2026-12-08
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0004_orders"
down_revision = "0003_files"
branch_labels = None
depends_on = None

_STATES_OLD = "state IN ('active', 'retiring', 'revoked_lost', 'wiped')"
_STATES_NEW = "state IN ('active', 'retiring', 'retired', 'revoked_lost', 'wiped')"


def _states(old: str, new: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_check(old, new)
        return
    op.drop_constraint(op.f("ck_devices_state"), "devices", type_="check")
    op.create_check_constraint(op.f("ck_devices_state"), "devices", new)


def _sqlite_check(old: str, new: str) -> None:
    """The CHECK's text rewritten in place, SQLite's own procedure for loosening a
    constraint (sqlite.org/lang_altertable.html, "other kinds of table schema changes").

    Batch mode would rebuild `devices`: dropping the old table deletes its rows first,
    which the foreign keys of `changes` and `uploads` refuse (foreign_keys is ON and
    cannot be switched off inside the migration's transaction). Every stored row passes
    the new text (upgrade widens it; downgrade first moves `retired` rows), so nothing
    on disk changes meaning."""
    conn = op.get_bind()
    where = "WHERE type = 'table' AND name = 'devices'"
    sql = conn.exec_driver_sql(f"SELECT sql FROM sqlite_master {where}").scalar_one()
    if sql.count(old) != 1:
        raise RuntimeError("devices: the state CHECK is not the one this revision knows")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql(f"UPDATE sqlite_master SET sql = ? {where}",
                             (sql.replace(old, new),))
        # other connections re-read the schema when its version moves
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _states(_STATES_OLD, _STATES_NEW)
    op.create_table(
        "wipe_orders",
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("issued_text", sa.String(40), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary(64), nullable=False),
        sa.Column("delivered_at", UTCDateTime(), nullable=True),
        sa.Column("wiped_at", sa.String(40), nullable=True),
        sa.Column("receipt_signature", sa.LargeBinary(64), nullable=True),
        sa.Column("receipt_received_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("mode IN ('retire', 'lost')", name=op.f("ck_wipe_orders_mode")),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name=op.f("fk_wipe_orders_device_id_devices")),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_wipe_orders")),
    )
    op.create_index(op.f("ix_wipe_orders_device_id"), "wipe_orders", ["device_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_wipe_orders_device_id"), table_name="wipe_orders")
    op.drop_table("wipe_orders")
    op.execute("UPDATE devices SET state = 'revoked_lost' WHERE state = 'retired'")
    _states(_STATES_NEW, _STATES_OLD)

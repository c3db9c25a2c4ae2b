"""pki: the center's certificate authority — issued worker certificates, published CRLs,
the built-in TSA's serial numbers

Revision ID: 0010_pki
Revises: 0009_recovery_key
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UTCDateTime

revision = "0010_pki"
down_revision = "0009_recovery_key"
branch_labels = None
depends_on = None

_SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("serial", sa.String(40), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("issuer_ski", sa.String(64), nullable=False),
        sa.Column("not_after", UTCDateTime(), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name=op.f("fk_certificates_device_id_devices")),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_certificates")),
    )
    op.create_index(op.f("ix_certificates_device_id"), "certificates", ["device_id"])
    op.create_table(
        "crls",
        sa.Column("number", _SERIAL, autoincrement=True, nullable=False),
        sa.Column("issuer", sa.String(8), nullable=False),
        sa.Column("this_update", UTCDateTime(), nullable=False),
        sa.Column("next_update", UTCDateTime(), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("issuer IN ('issuing', 'root')", name=op.f("ck_crls_issuer")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_crls")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_crls_issuer"), "crls", ["issuer"])
    op.create_table(
        "tsa_tokens",
        sa.Column("serial", _SERIAL, autoincrement=True, nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_tsa_tokens")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("tsa_tokens")
    op.drop_index(op.f("ix_crls_issuer"), table_name="crls")
    op.drop_table("crls")
    op.drop_index(op.f("ix_certificates_device_id"), table_name="certificates")
    op.drop_table("certificates")

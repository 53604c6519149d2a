"""accounts that can be recovered: single-use links mailed for a password reset, a new email address or a
sign-up, and the browser each session was opened in

Revision ID: 3b9e1c7d2a40
Revises: ad4dd0864c22
Create Date: 2026-12-04 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import magicloop.models.base

revision: str = "3b9e1c7d2a40"
down_revision: str | None = "ad4dd0864c22"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accountlink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("payload", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_accountlink_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accountlink")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_accountlink_token_hash")),
    )
    with op.batch_alter_table("accountlink", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accountlink_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("authsession", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("device", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("authsession", schema=None) as batch_op:
        batch_op.drop_column("device")
    with op.batch_alter_table("accountlink", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accountlink_user_id"))
    op.drop_table("accountlink")

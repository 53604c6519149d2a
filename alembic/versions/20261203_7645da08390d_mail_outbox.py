"""mail outbox: mail is written in its transaction and sent after it commits

Revision ID: 7645da08390d
Revises: a94dd0d79f71
Create Date: 2026-12-03 21:01:17
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import magicloop.models.base

revision: str = '7645da08390d'
down_revision: str | None = 'a94dd0d79f71'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outboxmail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sent_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('failed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outboxmail'))
    )
    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.create_index('ix_outboxmail_due', ['sent_at', 'failed_at', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.drop_index('ix_outboxmail_due')

    op.drop_table('outboxmail')

"""check-in rhythm and calendar: missed check-ins told once, digests by the person's day, calendar links

Revision ID: 8cca2ffc9829
Revises: 186e3f65cf54
Create Date: 2026-12-03 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import magicloop.models.base

revision: str = '8cca2ffc9829'
down_revision: str | None = '186e3f65cf54'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_nudged_on', sa.Date(), nullable=True))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digested_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('calendar_token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('calendar_since', magicloop.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_calendar_token_hash'), ['calendar_token_hash'])


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_calendar_token_hash'), type_='unique')
        batch_op.drop_column('calendar_since')
        batch_op.drop_column('calendar_token_hash')
        batch_op.drop_column('digested_on')
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.drop_column('checkin_nudged_on')

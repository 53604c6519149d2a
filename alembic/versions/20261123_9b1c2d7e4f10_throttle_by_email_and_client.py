"""sign-in throttles are kept per email, per client address and for sign-ups: one key column

Revision ID: 9b1c2d7e4f10
Revises: c555cd4391c7
Create Date: 2026-11-23 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9b1c2d7e4f10'
down_revision: str | None = 'c555cd4391c7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

throttle = sa.table('signinthrottle', sa.column('email', sa.String), sa.column('key', sa.String))


def upgrade() -> None:
    with op.batch_alter_table('signinthrottle', schema=None) as batch_op:
        batch_op.drop_constraint('uq_signinthrottle_email', type_='unique')
        batch_op.alter_column('email', new_column_name='key', existing_type=sa.String(length=254),
                              type_=sa.String(length=300), existing_nullable=False)
    with op.batch_alter_table('signinthrottle', schema=None) as batch_op:  # SQLite: once the column has its name
        batch_op.create_unique_constraint(batch_op.f('uq_signinthrottle_key'), ['key'])
    op.execute(throttle.update().values(key=sa.literal('email:') + throttle.c.key))


def downgrade() -> None:
    # Only the per-email counts existed before.
    op.execute(throttle.delete().where(~throttle.c.key.startswith('email:')))
    op.execute(throttle.update().values(key=sa.func.substr(throttle.c.key, len('email:') + 1)))
    with op.batch_alter_table('signinthrottle', schema=None) as batch_op:
        batch_op.drop_constraint('uq_signinthrottle_key', type_='unique')
        batch_op.alter_column('key', new_column_name='email', existing_type=sa.String(length=300),
                              type_=sa.String(length=254), existing_nullable=False)
    with op.batch_alter_table('signinthrottle', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_signinthrottle_email'), ['email'])

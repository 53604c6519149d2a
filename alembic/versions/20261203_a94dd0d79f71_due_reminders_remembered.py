"""due reminders remembered per item: once when it falls due, then at most weekly

Revision ID: a94dd0d79f71
Revises: 9b1c2d7e4f10
Create Date: 2026-12-03 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a94dd0d79f71'
down_revision: str | None = '9b1c2d7e4f10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRACKED = ('managerask', 'recommendation')


def upgrade() -> None:
    for table in TRACKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('reminded_on', sa.Date(), nullable=True))


def downgrade() -> None:
    for table in TRACKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('reminded_on')

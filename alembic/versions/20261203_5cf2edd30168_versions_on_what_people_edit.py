"""a version on every row people edit: a save from an older read is refused, not written over

Revision ID: 5cf2edd30168
Revises: fb5cdbb718e7
Create Date: 2026-12-03 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5cf2edd30168'
down_revision: str | None = 'fb5cdbb718e7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table whose rows people edit (models.base.Versioned); rows already there start at version 1.
VERSIONED = (
    'actionstep',
    'coereview',
    'comment',
    'competencyrating',
    'growthconversation',
    'idea',
    'loop',
    'managerask',
    'privatenote',
    'quarterlyreview',
    'recommendation',
    'selfreflection',
    'stagereflection',
)


# A quarterly review's two summaries each count their own saves.
SUMMARY_SAVES = ('owner_summary_version', 'manager_summary_version')


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('quarterlyreview', schema=None) as batch_op:
        for column in SUMMARY_SAVES:
            batch_op.add_column(sa.Column(column, sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('quarterlyreview', schema=None) as batch_op:
        for column in SUMMARY_SAVES:
            batch_op.drop_column(column)
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')

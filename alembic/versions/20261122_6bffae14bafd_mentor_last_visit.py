"""mentor last visit: what changed for a mentee since the mentor last looked

Revision ID: 6bffae14bafd
Revises: 05ea0113c266
Create Date: 2026-11-22 20:46:16.883470
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import magicloop.models.base


revision: str = '6bffae14bafd'
down_revision: str | None = '05ea0113c266'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('mentorgrant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_visit_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mentorgrant', schema=None) as batch_op:
        batch_op.drop_column('last_visit_at')

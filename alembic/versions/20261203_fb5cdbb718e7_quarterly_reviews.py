"""quarterly reviews: both summaries and sign-offs per professional and quarter; comments on a review belong to no loop

Revision ID: fb5cdbb718e7
Revises: 8cca2ffc9829
Create Date: 2026-12-03 21:25:50
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import magicloop.models.base

revision: str = 'fb5cdbb718e7'
down_revision: str | None = '8cca2ffc9829'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('quarterlyreview',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('owner_summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('manager_summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('manager_summary_by_id', sa.Integer(), nullable=True),
    sa.Column('owner_signed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('manager_signed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('manager_signed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['manager_signed_by_id'], ['user.id'], name=op.f('fk_quarterlyreview_manager_signed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['manager_summary_by_id'], ['user.id'], name=op.f('fk_quarterlyreview_manager_summary_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_quarterlyreview_owner_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quarterlyreview')),
    sa.UniqueConstraint('owner_id', 'quarter', name=op.f('uq_quarterlyreview_owner_id'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.alter_column('loop_id',
               existing_type=sa.INTEGER(),
               nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM comment WHERE loop_id IS NULL")  # the reviews' threads go with the reviews
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.alter_column('loop_id',
               existing_type=sa.INTEGER(),
               nullable=False)

    op.drop_table('quarterlyreview')

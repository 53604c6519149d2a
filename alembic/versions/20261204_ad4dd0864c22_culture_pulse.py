"""culture pulse: a pulse, whom it asks and whether they answered, the anonymous responses apart from them; an ask
or an idea may carry a pulse as its evidence

Revision ID: ad4dd0864c22
Revises: 3b7e2f0c9d41
Create Date: 2026-12-04 01:23:39
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import magicloop.models.base

revision: str = 'ad4dd0864c22'
down_revision: str | None = '3b7e2f0c9d41'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('culturepulse',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_culturepulse_owner_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_culturepulse'))
    )
    with op.batch_alter_table('culturepulse', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_culturepulse_owner_id'), ['owner_id'], unique=False)

    op.create_table('pulseinvitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pulse_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['pulse_id'], ['culturepulse.id'], name=op.f('fk_pulseinvitation_pulse_id_culturepulse'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_pulseinvitation_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulseinvitation')),
    sa.UniqueConstraint('pulse_id', 'user_id', name=op.f('uq_pulseinvitation_pulse_id'))
    )
    with op.batch_alter_table('pulseinvitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulseinvitation_user_id'), ['user_id'], unique=False)

    op.create_table('pulseresponse',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pulse_id', sa.Integer(), nullable=False),
    sa.Column('customer_insight', sa.Integer(), nullable=False),
    sa.Column('customer_foresight', sa.Integer(), nullable=False),
    sa.Column('competitive_insight', sa.Integer(), nullable=False),
    sa.Column('competitor_foresight', sa.Integer(), nullable=False),
    sa.Column('peripheral_vision', sa.Integer(), nullable=False),
    sa.Column('collaboration', sa.Integer(), nullable=False),
    sa.Column('empowerment', sa.Integer(), nullable=False),
    sa.Column('strategic_alignment', sa.Integer(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['pulse_id'], ['culturepulse.id'], name=op.f('fk_pulseresponse_pulse_id_culturepulse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulseresponse'))
    )
    with op.batch_alter_table('pulseresponse', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulseresponse_pulse_id'), ['pulse_id'], unique=False)

    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pulse_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_idea_pulse_id'), ['pulse_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_idea_pulse_id_culturepulse'), 'culturepulse', ['pulse_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('managerask', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pulse_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_managerask_pulse_id'), ['pulse_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_managerask_pulse_id_culturepulse'), 'culturepulse', ['pulse_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('managerask', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_managerask_pulse_id_culturepulse'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_managerask_pulse_id'))
        batch_op.drop_column('pulse_id')

    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_idea_pulse_id_culturepulse'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_idea_pulse_id'))
        batch_op.drop_column('pulse_id')

    with op.batch_alter_table('pulseresponse', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulseresponse_pulse_id'))

    op.drop_table('pulseresponse')
    with op.batch_alter_table('pulseinvitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulseinvitation_user_id'))

    op.drop_table('pulseinvitation')
    with op.batch_alter_table('culturepulse', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_culturepulse_owner_id'))

    op.drop_table('culturepulse')

"""the organisation's own framework: each competency keeps a key through the versions, each loop its version

Revision ID: 3b7e2f0c9d41
Revises: 5cf2edd30168
Create Date: 2026-12-04 01:30:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3b7e2f0c9d41'
down_revision: str | None = '5cf2edd30168'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

competency = sa.table(
    'competency', sa.column('id', sa.Integer), sa.column('framework_id', sa.Integer),
    sa.column('name', sa.String), sa.column('key', sa.String),
)
framework = sa.table(
    'competencyframework', sa.column('id', sa.Integer), sa.column('organisation_id', sa.Integer),
    sa.column('version', sa.Integer), sa.column('name', sa.String), sa.column('is_current', sa.Boolean),
    sa.column('created_at', sa.DateTime),
)
user = sa.table('user', sa.column('id', sa.Integer), sa.column('organisation_id', sa.Integer))
loop = sa.table('loop', sa.column('id', sa.Integer), sa.column('owner_id', sa.Integer), sa.column('framework_id', sa.Integer))


def _keys(connection) -> None:
    """Competencies of one organisation with the same name share a key, in whichever versions they are; the
    key is worked out from the two, so going down and up again gives the same keys."""
    found = connection.execute(
        sa.select(competency.c.id, framework.c.organisation_id, competency.c.name).join(
            framework, framework.c.id == competency.c.framework_id
        )
    ).all()
    for competency_id, organisation_id, name in found:
        key = uuid.uuid5(uuid.NAMESPACE_URL, f'magicloop:competency:{organisation_id}:{name}').hex
        connection.execute(competency.update().where(competency.c.id == competency_id).values(key=key))


def _frameworks_of_loops(connection) -> None:
    """Every loop so far is on its organisation's current version (the only one there was). An organisation
    that somehow has none gets an empty one, so every loop names a version."""
    without = connection.execute(
        sa.select(user.c.organisation_id)
        .join(loop, loop.c.owner_id == user.c.id)
        .where(~sa.exists().where(framework.c.organisation_id == user.c.organisation_id))
        .distinct()
    ).scalars()
    for organisation_id in list(without):
        connection.execute(
            framework.insert().values(
                organisation_id=organisation_id, version=1, name='Competencies', is_current=True,
                created_at=sa.func.current_timestamp(),
            )
        )
    current = (
        sa.select(framework.c.id)
        .join(user, user.c.organisation_id == framework.c.organisation_id)
        .where(user.c.id == loop.c.owner_id)
        .order_by(framework.c.is_current.desc(), framework.c.version.desc())
        .limit(1)
        .scalar_subquery()
    )
    connection.execute(loop.update().values(framework_id=current))


def upgrade() -> None:
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=32), nullable=True))
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('framework_id', sa.Integer(), nullable=True))
    connection = op.get_bind()
    _keys(connection)
    _frameworks_of_loops(connection)
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_competency_framework_id'), ['framework_id', 'key'])
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.alter_column('framework_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_loop_framework_id'), ['framework_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_loop_framework_id_competencyframework'),
            'competencyframework',
            ['framework_id'],
            ['id'],
            ondelete='RESTRICT',
        )


def downgrade() -> None:
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_loop_framework_id_competencyframework'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_loop_framework_id'))
        batch_op.drop_column('framework_id')
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_competency_framework_id'), type_='unique')
        batch_op.drop_column('key')

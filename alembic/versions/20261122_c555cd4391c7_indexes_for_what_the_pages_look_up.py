"""indexes for what the pages look up: deleted items' history, carried items, COE reviews, the inbox

Revision ID: c555cd4391c7
Revises: 6bffae14bafd
Create Date: 2026-11-22 21:42:15.751829
"""

from collections.abc import Sequence

from alembic import op


revision: str = 'c555cd4391c7'
down_revision: str | None = '6bffae14bafd'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('carrieditem', schema=None) as batch_op:
        batch_op.create_index('ix_carrieditem_item', ['item_kind', 'item_id'], unique=False)

    with op.batch_alter_table('coereview', schema=None) as batch_op:
        batch_op.create_index('ix_coereview_subject', ['subject_kind', 'subject_id'], unique=False)

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_recipient_created', ['recipient_id', 'created_at'], unique=False)

    with op.batch_alter_table('timelineevent', schema=None) as batch_op:
        batch_op.create_index('ix_timelineevent_subject', ['subject_kind', 'subject_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('timelineevent', schema=None) as batch_op:
        batch_op.drop_index('ix_timelineevent_subject')

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_recipient_created')

    with op.batch_alter_table('coereview', schema=None) as batch_op:
        batch_op.drop_index('ix_coereview_subject')

    with op.batch_alter_table('carrieditem', schema=None) as batch_op:
        batch_op.drop_index('ix_carrieditem_item')

"""whole domain

Revision ID: 05ea0113c266
Revises: 
Create Date: 2026-11-22 10:34:56.199013
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import magicloop.models.base


revision: str = '05ea0113c266'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    op.create_table('signinthrottle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lockouts', sa.Integer(), nullable=False),
    sa.Column('locked_until', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signinthrottle')),
    sa.UniqueConstraint('email', name=op.f('uq_signinthrottle_email'))
    )
    op.create_table('competencyframework',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_competencyframework_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competencyframework')),
    sa.UniqueConstraint('organisation_id', 'version', name=op.f('uq_competencyframework_organisation_id'))
    )
    with op.batch_alter_table('competencyframework', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competencyframework_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('time_zone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('advanced_mode', sa.Boolean(), nullable=False),
    sa.Column('checkin_rrule', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('disabled_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_user_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('authsession',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_authsession_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authsession')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_authsession_token_hash'))
    )
    with op.batch_alter_table('authsession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authsession_user_id'), ['user_id'], unique=False)

    op.create_table('competency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['competencyframework.id'], name=op.f('fk_competency_framework_id_competencyframework'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competency'))
    )
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competency_framework_id'), ['framework_id'], unique=False)

    op.create_table('invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], name=op.f('fk_invite_invited_by_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_invite_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invite')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invite_token_hash'))
    )
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_invite_invited_by_id'), ['invited_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invite_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('loop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('goal', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('target_role', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('previous_loop_id', sa.Integer(), nullable=True),
    sa.Column('started_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retrospective_moved', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('retrospective_stalled', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_loop_owner_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['previous_loop_id'], ['loop.id'], name=op.f('fk_loop_previous_loop_id_loop'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loop')),
    sa.UniqueConstraint('owner_id', 'number', name=op.f('uq_loop_owner_id'))
    )
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loop_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loop_previous_loop_id'), ['previous_loop_id'], unique=False)

    op.create_table('mentorgrant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['mentor_id'], ['user.id'], name=op.f('fk_mentorgrant_mentor_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_mentorgrant_owner_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorgrant'))
    )
    with op.batch_alter_table('mentorgrant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentorgrant_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index('ix_mentorgrant_mentor_owner', ['mentor_id', 'owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorgrant_owner_id'), ['owner_id'], unique=False)

    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('message', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('emailed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['recipient_id'], ['user.id'], name=op.f('fk_notification_recipient_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_recipient_read', ['recipient_id', 'read_at'], unique=False)

    op.create_table('reportingline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['user.id'], name=op.f('fk_reportingline_manager_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_reportingline_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['user.id'], name=op.f('fk_reportingline_report_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reportingline'))
    )
    with op.batch_alter_table('reportingline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reportingline_manager_id'), ['manager_id'], unique=False)
        batch_op.create_index('ix_reportingline_manager_report', ['manager_id', 'report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reportingline_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reportingline_report_id'), ['report_id'], unique=False)

    op.create_table('actionstep',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_actionstep_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actionstep'))
    )
    with op.batch_alter_table('actionstep', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actionstep_loop_id'), ['loop_id'], unique=False)

    op.create_table('carrieditem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('item_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_carrieditem_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrieditem')),
    sa.UniqueConstraint('loop_id', 'item_kind', 'item_id', name=op.f('uq_carrieditem_loop_id'))
    )
    with op.batch_alter_table('carrieditem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carrieditem_loop_id'), ['loop_id'], unique=False)

    op.create_table('coereview',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('subject_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('what_happened', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('impact', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('root_cause', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('supporting_data', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('lessons', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('corrective_actions', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_coereview_author_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_coereview_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coereview'))
    )
    with op.batch_alter_table('coereview', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coereview_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coereview_loop_id'), ['loop_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('subject_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('expects_reply', sa.Boolean(), nullable=False),
    sa.Column('answered_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_comment_author_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_comment_loop_id_loop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['comment.id'], name=op.f('fk_comment_parent_id_comment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_loop_id'), ['loop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_comment_subject', ['subject_kind', 'subject_id'], unique=False)

    op.create_table('competencyrating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=False),
    sa.Column('rater_id', sa.Integer(), nullable=False),
    sa.Column('rater_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('evidence', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_competencyrating_competency_id_competency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_competencyrating_loop_id_loop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rater_id'], ['user.id'], name=op.f('fk_competencyrating_rater_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competencyrating')),
    sa.UniqueConstraint('loop_id', 'competency_id', 'rater_kind', name=op.f('uq_competencyrating_loop_id'))
    )
    with op.batch_alter_table('competencyrating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competencyrating_competency_id'), ['competency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competencyrating_loop_id'), ['loop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competencyrating_rater_id'), ['rater_id'], unique=False)

    op.create_table('growthconversation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('goal_restated', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('gaps', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('feedback', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_growthconversation_loop_id_loop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_growthconversation_recorded_by_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_growthconversation'))
    )
    with op.batch_alter_table('growthconversation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_growthconversation_loop_id'), ['loop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_growthconversation_recorded_by_id'), ['recorded_by_id'], unique=False)

    op.create_table('idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('proposal', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decline_reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_idea_author_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_idea_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_idea_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea'))
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_loop_id'), ['loop_id'], unique=False)

    op.create_table('privatenote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_privatenote_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privatenote'))
    )
    with op.batch_alter_table('privatenote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privatenote_loop_id'), ['loop_id'], unique=False)

    op.create_table('selfreflection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('strengths', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('weaknesses', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('interests', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('readiness', sa.Integer(), nullable=True),
    sa.Column('readiness_why', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_selfreflection_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_selfreflection')),
    sa.UniqueConstraint('loop_id', name=op.f('uq_selfreflection_loop_id'))
    )
    op.create_table('stagereflection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('learned', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('hard', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('enjoyed', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('moves_toward_goal', sa.Boolean(), nullable=True),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_stagereflection_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stagereflection')),
    sa.UniqueConstraint('loop_id', 'stage', name=op.f('uq_stagereflection_loop_id'))
    )
    with op.batch_alter_table('stagereflection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stagereflection_loop_id'), ['loop_id'], unique=False)

    op.create_table('timelineevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('subject_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_timelineevent_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_timelineevent_loop_id_loop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_timelineevent_owner_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timelineevent'))
    )
    with op.batch_alter_table('timelineevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timelineevent_loop_id'), ['loop_id'], unique=False)
        batch_op.create_index('ix_timelineevent_owner_created', ['owner_id', 'created_at'], unique=False)

    op.create_table('managerask',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('logged_by_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('what', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('why', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('completed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['user.id'], name=op.f('fk_managerask_acknowledged_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_managerask_idea_id_idea'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['logged_by_id'], ['user.id'], name=op.f('fk_managerask_logged_by_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_managerask_loop_id_loop'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_managerask'))
    )
    with op.batch_alter_table('managerask', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_managerask_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_managerask_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_managerask_logged_by_id'), ['logged_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_managerask_loop_id'), ['loop_id'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.Column('recommended_by_id', sa.Integer(), nullable=False),
    sa.Column('what', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('why', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('completed_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closing_reply', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('replied_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['growthconversation.id'], name=op.f('fk_recommendation_conversation_id_growthconversation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_recommendation_loop_id_loop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommended_by_id'], ['user.id'], name=op.f('fk_recommendation_recommended_by_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation'))
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_loop_id'), ['loop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_recommended_by_id'), ['recommended_by_id'], unique=False)

    op.create_table('progressupdate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('ask_id', sa.Integer(), nullable=True),
    sa.Column('recommendation_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('evidence_links', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('created_at', magicloop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ask_id'], ['managerask.id'], name=op.f('fk_progressupdate_ask_id_managerask'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_progressupdate_author_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['loop_id'], ['loop.id'], name=op.f('fk_progressupdate_loop_id_loop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_progressupdate_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progressupdate'))
    )
    with op.batch_alter_table('progressupdate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progressupdate_ask_id'), ['ask_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progressupdate_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progressupdate_loop_id'), ['loop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progressupdate_recommendation_id'), ['recommendation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('progressupdate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progressupdate_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_progressupdate_loop_id'))
        batch_op.drop_index(batch_op.f('ix_progressupdate_author_id'))
        batch_op.drop_index(batch_op.f('ix_progressupdate_ask_id'))

    op.drop_table('progressupdate')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_recommended_by_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_loop_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_due_on'))
        batch_op.drop_index(batch_op.f('ix_recommendation_conversation_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('managerask', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_managerask_loop_id'))
        batch_op.drop_index(batch_op.f('ix_managerask_logged_by_id'))
        batch_op.drop_index(batch_op.f('ix_managerask_idea_id'))
        batch_op.drop_index(batch_op.f('ix_managerask_due_on'))

    op.drop_table('managerask')
    with op.batch_alter_table('timelineevent', schema=None) as batch_op:
        batch_op.drop_index('ix_timelineevent_owner_created')
        batch_op.drop_index(batch_op.f('ix_timelineevent_loop_id'))

    op.drop_table('timelineevent')
    with op.batch_alter_table('stagereflection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stagereflection_loop_id'))

    op.drop_table('stagereflection')
    op.drop_table('selfreflection')
    with op.batch_alter_table('privatenote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privatenote_loop_id'))

    op.drop_table('privatenote')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_loop_id'))
        batch_op.drop_index(batch_op.f('ix_idea_author_id'))

    op.drop_table('idea')
    with op.batch_alter_table('growthconversation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_growthconversation_recorded_by_id'))
        batch_op.drop_index(batch_op.f('ix_growthconversation_loop_id'))

    op.drop_table('growthconversation')
    with op.batch_alter_table('competencyrating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competencyrating_rater_id'))
        batch_op.drop_index(batch_op.f('ix_competencyrating_loop_id'))
        batch_op.drop_index(batch_op.f('ix_competencyrating_competency_id'))

    op.drop_table('competencyrating')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_subject')
        batch_op.drop_index(batch_op.f('ix_comment_parent_id'))
        batch_op.drop_index(batch_op.f('ix_comment_loop_id'))
        batch_op.drop_index(batch_op.f('ix_comment_author_id'))

    op.drop_table('comment')
    with op.batch_alter_table('coereview', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coereview_loop_id'))
        batch_op.drop_index(batch_op.f('ix_coereview_author_id'))

    op.drop_table('coereview')
    with op.batch_alter_table('carrieditem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_carrieditem_loop_id'))

    op.drop_table('carrieditem')
    with op.batch_alter_table('actionstep', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actionstep_loop_id'))

    op.drop_table('actionstep')
    with op.batch_alter_table('reportingline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reportingline_report_id'))
        batch_op.drop_index(batch_op.f('ix_reportingline_organisation_id'))
        batch_op.drop_index('ix_reportingline_manager_report')
        batch_op.drop_index(batch_op.f('ix_reportingline_manager_id'))

    op.drop_table('reportingline')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_recipient_read')

    op.drop_table('notification')
    with op.batch_alter_table('mentorgrant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentorgrant_owner_id'))
        batch_op.drop_index('ix_mentorgrant_mentor_owner')
        batch_op.drop_index(batch_op.f('ix_mentorgrant_mentor_id'))

    op.drop_table('mentorgrant')
    with op.batch_alter_table('loop', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loop_previous_loop_id'))
        batch_op.drop_index(batch_op.f('ix_loop_owner_id'))

    op.drop_table('loop')
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_invite_invited_by_id'))
        batch_op.drop_index(batch_op.f('ix_invite_email'))

    op.drop_table('invite')
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competency_framework_id'))

    op.drop_table('competency')
    with op.batch_alter_table('authsession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authsession_user_id'))

    op.drop_table('authsession')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_organisation_id'))

    op.drop_table('user')
    with op.batch_alter_table('competencyframework', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competencyframework_organisation_id'))

    op.drop_table('competencyframework')
    op.drop_table('signinthrottle')
    op.drop_table('organisation')

"""Contributions: the project read model, inputs, comments, reactions, votes, surveys,
scenario rankings, moderation and idempotency keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ballot',
    sa.Column('ballot_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('voter_user_id', sa.String(length=64), nullable=False),
    sa.Column('basket_input_ids', sa.JSON(), nullable=False),
    sa.Column('basket_submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('ballot_id'),
    sa.UniqueConstraint('tenant', 'project_id', 'phase_id', 'voter_user_id', name='uq_ballot_voter')
    )
    op.create_table('comment',
    sa.Column('comment_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('input_id', sa.String(length=64), nullable=False),
    sa.Column('parent_comment_id', sa.String(length=64), nullable=True),
    sa.Column('author_user_id', sa.String(length=64), nullable=True),
    sa.Column('author_username', sa.String(length=255), nullable=True),
    sa.Column('author_erased', sa.Boolean(), nullable=False),
    sa.Column('official', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=1000), nullable=True),
    sa.Column('reviewed', sa.Boolean(), nullable=False),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('comment_id')
    )
    op.create_index('ix_comment_author', 'comment', ['tenant', 'author_user_id'], unique=False)
    op.create_index('ix_comment_input', 'comment', ['tenant', 'input_id', 'created_at'], unique=False)
    op.create_index('ix_comment_project', 'comment', ['tenant', 'project_id', 'created_at'], unique=False)
    op.create_table('idempotent_request',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('response_status', sa.Integer(), nullable=True),
    sa.Column('response_body', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'user_id', 'key')
    )
    op.create_index(op.f('ix_idempotent_request_created_at'), 'idempotent_request', ['created_at'], unique=False)
    op.create_table('input',
    sa.Column('input_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('author_user_id', sa.String(length=64), nullable=True),
    sa.Column('author_username', sa.String(length=255), nullable=True),
    sa.Column('author_erased', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('topic_id', sa.String(length=64), nullable=True),
    sa.Column('area_id', sa.String(length=64), nullable=True),
    sa.Column('image_urls', sa.JSON(), nullable=False),
    sa.Column('location', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('official_response', sa.Text(), nullable=True),
    sa.Column('official_response_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cost', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=1000), nullable=True),
    sa.Column('reviewed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('input_id')
    )
    op.create_index('ix_input_author', 'input', ['tenant', 'author_user_id'], unique=False)
    op.create_index('ix_input_project_created', 'input', ['tenant', 'project_id', 'created_at'], unique=False)
    op.create_table('moderation_action',
    sa.Column('action_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('actor_user_id', sa.String(length=64), nullable=True),
    sa.Column('actor_username', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('action_id')
    )
    op.create_index('ix_moderation_action_item', 'moderation_action', ['tenant', 'item_type', 'item_id'], unique=False)
    op.create_table('phase',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voting_method', sa.String(length=32), nullable=True),
    sa.Column('max_votes', sa.Integer(), nullable=True),
    sa.Column('budget', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=8), nullable=True),
    sa.Column('budget_items', sa.JSON(), nullable=False),
    sa.Column('eligibility', sa.String(length=16), nullable=False),
    sa.Column('eligible_area_ids', sa.JSON(), nullable=False),
    sa.Column('results_visibility', sa.String(length=16), nullable=False),
    sa.Column('survey_id', sa.String(length=64), nullable=True),
    sa.Column('survey_questions', sa.JSON(), nullable=False),
    sa.Column('scenarios', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'project_id', 'phase_id')
    )
    op.create_table('project',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('visibility', sa.String(length=32), nullable=False),
    sa.Column('allowed_group_ids', sa.JSON(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('area_geometry', sa.JSON(), nullable=True),
    sa.Column('moderator_user_ids', sa.JSON(), nullable=False),
    sa.Column('allowed_user_ids', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'project_id')
    )
    op.create_table('reaction',
    sa.Column('reaction_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=True),
    sa.Column('value', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('reaction_id'),
    sa.UniqueConstraint('tenant', 'item_type', 'item_id', 'user_id', name='uq_reaction_once')
    )
    op.create_index('ix_reaction_item', 'reaction', ['tenant', 'item_type', 'item_id'], unique=False)
    op.create_index('ix_reaction_project', 'reaction', ['tenant', 'project_id'], unique=False)
    op.create_table('report',
    sa.Column('report_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('item_type', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('reporter_user_id', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('report_id'),
    sa.UniqueConstraint('tenant', 'item_type', 'item_id', 'reporter_user_id', name='uq_report_once')
    )
    op.create_index('ix_report_project_open', 'report', ['tenant', 'project_id', 'resolved_at'], unique=False)
    op.create_table('scenario_ranking',
    sa.Column('ranking_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=True),
    sa.Column('ranking', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('ranking_id'),
    sa.UniqueConstraint('tenant', 'project_id', 'phase_id', 'user_id', name='uq_scenario_ranking_once')
    )
    op.create_index('ix_scenario_ranking_phase', 'scenario_ranking', ['tenant', 'project_id', 'phase_id'], unique=False)
    op.create_table('survey_response',
    sa.Column('response_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('respondent_user_id', sa.String(length=64), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('response_id'),
    sa.UniqueConstraint('tenant', 'project_id', 'phase_id', 'respondent_user_id', name='uq_survey_response_once')
    )
    op.create_index('ix_survey_response_phase', 'survey_response', ['tenant', 'project_id', 'phase_id', 'status'], unique=False)
    op.create_table('vote',
    sa.Column('vote_id', sa.String(length=64), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('input_id', sa.String(length=64), nullable=False),
    sa.Column('voter_user_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('vote_id'),
    sa.UniqueConstraint('tenant', 'project_id', 'phase_id', 'input_id', 'voter_user_id', name='uq_vote_once')
    )
    op.create_index('ix_vote_input', 'vote', ['tenant', 'project_id', 'phase_id', 'input_id'], unique=False)
    op.create_index('ix_vote_project', 'vote', ['tenant', 'project_id'], unique=False)
    op.create_index('ix_vote_voter', 'vote', ['tenant', 'voter_user_id'], unique=False)
    op.create_table('vote_tally',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=64), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('input_id', sa.String(length=64), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'project_id', 'phase_id', 'input_id')
    )


def downgrade() -> None:
    op.drop_table('vote_tally')
    op.drop_index('ix_vote_voter', table_name='vote')
    op.drop_index('ix_vote_project', table_name='vote')
    op.drop_index('ix_vote_input', table_name='vote')
    op.drop_table('vote')
    op.drop_index('ix_survey_response_phase', table_name='survey_response')
    op.drop_table('survey_response')
    op.drop_index('ix_scenario_ranking_phase', table_name='scenario_ranking')
    op.drop_table('scenario_ranking')
    op.drop_index('ix_report_project_open', table_name='report')
    op.drop_table('report')
    op.drop_index('ix_reaction_project', table_name='reaction')
    op.drop_index('ix_reaction_item', table_name='reaction')
    op.drop_table('reaction')
    op.drop_table('project')
    op.drop_table('phase')
    op.drop_index('ix_moderation_action_item', table_name='moderation_action')
    op.drop_table('moderation_action')
    op.drop_index('ix_input_project_created', table_name='input')
    op.drop_index('ix_input_author', table_name='input')
    op.drop_table('input')
    op.drop_index(op.f('ix_idempotent_request_created_at'), table_name='idempotent_request')
    op.drop_table('idempotent_request')
    op.drop_index('ix_comment_project', table_name='comment')
    op.drop_index('ix_comment_input', table_name='comment')
    op.drop_index('ix_comment_author', table_name='comment')
    op.drop_table('comment')
    op.drop_table('ballot')

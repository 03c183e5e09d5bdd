"""Departments, areas and topics, projects, phases, updates, the calendar, and read models
of identity's tenants and roles.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 08:22:05.031248
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The phase no-overlap exclusion constraint compares project ids with = inside a GiST
    # index; btree_gist is a trusted extension, so the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table('department',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tenant', 'slug', name='uq_department_slug')
    )
    op.create_index(op.f('ix_department_tenant'), 'department', ['tenant'], unique=False)
    op.create_table('role_grant',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('scope_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('external', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tenant', 'user_id', 'role', 'scope', 'scope_id', name='uq_role_grant')
    )
    op.create_index(op.f('ix_role_grant_scope_id'), 'role_grant', ['scope_id'], unique=False)
    op.create_index(op.f('ix_role_grant_tenant'), 'role_grant', ['tenant'], unique=False)
    op.create_index(op.f('ix_role_grant_user_id'), 'role_grant', ['user_id'], unique=False)
    op.create_table('taxonomy_term',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tenant', 'kind', 'slug', name='uq_taxonomy_term_slug')
    )
    op.create_index(op.f('ix_taxonomy_term_tenant'), 'taxonomy_term', ['tenant'], unique=False)
    op.create_table('tenant_config',
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('default_language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('require_project_approval', sa.Boolean(), nullable=False),
    sa.Column('allow_external_moderators', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('slug')
    )
    op.create_table('calendar_feed',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('department_id', sa.Uuid(), nullable=True),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_calendar_feed_tenant'), 'calendar_feed', ['tenant'], unique=False)
    op.create_index(op.f('ix_calendar_feed_user_id'), 'calendar_feed', ['user_id'], unique=False)
    op.create_table('project',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('department_id', sa.Uuid(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('visibility', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('goal', sa.JSON(), nullable=False),
    sa.Column('input_use', sa.JSON(), nullable=False),
    sa.Column('target_audience', sa.JSON(), nullable=False),
    sa.Column('agreement_note', sa.Text(), nullable=False),
    sa.Column('contact', sa.JSON(), nullable=False),
    sa.Column('header_image_url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('area_geometry', sa.JSON(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_by_user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tenant', 'slug', name='uq_project_slug')
    )
    op.create_index(op.f('ix_project_department_id'), 'project', ['department_id'], unique=False)
    op.create_index('ix_project_listing', 'project', ['tenant', 'created_at', 'id'], unique=False)
    op.create_index(op.f('ix_project_tenant'), 'project', ['tenant'], unique=False)
    op.create_table('approval_decision',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('decided_by_user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('decided_by_username', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_approval_decision_project_id'), 'approval_decision', ['project_id'], unique=False)
    op.create_table('evaluation_moment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('department_id', sa.Uuid(), nullable=True),
    sa.Column('project_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('planned_for', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_evaluation_moment_created_by_user_id'), 'evaluation_moment', ['created_by_user_id'], unique=False)
    op.create_index(op.f('ix_evaluation_moment_tenant'), 'evaluation_moment', ['tenant'], unique=False)
    op.create_table('phase',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('eligibility', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('eligible_area_ids', sa.JSON(), nullable=False),
    sa.Column('results_visibility', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('config', sa.JSON(), nullable=False),
    sa.Column('input_received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_announced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_announced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    postgresql.ExcludeConstraint((sa.column('project_id'), '='), (sa.text("tstzrange(starts_at, ends_at, '[)')"), '&&'), using='gist', name='ex_phase_no_overlap'),
    sa.CheckConstraint('ends_at > starts_at', name='ck_phase_ends_after_start'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_phase_end_due', 'phase', ['ends_at'], unique=False, postgresql_where=sa.text('ended_announced_at IS NULL'))
    op.create_index('ix_phase_project_start', 'phase', ['project_id', 'starts_at'], unique=False)
    op.create_index('ix_phase_start_due', 'phase', ['starts_at'], unique=False, postgresql_where=sa.text('started_announced_at IS NULL'))
    op.create_index(op.f('ix_phase_tenant'), 'phase', ['tenant'], unique=False)
    op.create_table('project_access',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'user_id')
    )
    op.create_index(op.f('ix_project_access_user_id'), 'project_access', ['user_id'], unique=False)
    op.create_table('project_follower',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('followed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'user_id')
    )
    op.create_index(op.f('ix_project_follower_user_id'), 'project_follower', ['user_id'], unique=False)
    op.create_table('project_term',
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('term_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['taxonomy_term.id'], ),
    sa.PrimaryKeyConstraint('project_id', 'term_id')
    )
    op.create_index(op.f('ix_project_term_term_id'), 'project_term', ['term_id'], unique=False)
    op.create_table('project_update',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('posted_by_user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('posted_by_username', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_project_update_listing', 'project_update', ['project_id', 'posted_at'], unique=False)
    op.create_index(op.f('ix_project_update_posted_by_user_id'), 'project_update', ['posted_by_user_id'], unique=False)
    op.create_index(op.f('ix_project_update_tenant'), 'project_update', ['tenant'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_project_update_tenant'), table_name='project_update')
    op.drop_index(op.f('ix_project_update_posted_by_user_id'), table_name='project_update')
    op.drop_index('ix_project_update_listing', table_name='project_update')
    op.drop_table('project_update')
    op.drop_index(op.f('ix_project_term_term_id'), table_name='project_term')
    op.drop_table('project_term')
    op.drop_index(op.f('ix_project_follower_user_id'), table_name='project_follower')
    op.drop_table('project_follower')
    op.drop_index(op.f('ix_project_access_user_id'), table_name='project_access')
    op.drop_table('project_access')
    op.drop_index(op.f('ix_phase_tenant'), table_name='phase')
    op.drop_index('ix_phase_start_due', table_name='phase', postgresql_where=sa.text('started_announced_at IS NULL'))
    op.drop_index('ix_phase_project_start', table_name='phase')
    op.drop_index('ix_phase_end_due', table_name='phase', postgresql_where=sa.text('ended_announced_at IS NULL'))
    op.drop_table('phase')
    op.drop_index(op.f('ix_evaluation_moment_tenant'), table_name='evaluation_moment')
    op.drop_index(op.f('ix_evaluation_moment_created_by_user_id'), table_name='evaluation_moment')
    op.drop_table('evaluation_moment')
    op.drop_index(op.f('ix_approval_decision_project_id'), table_name='approval_decision')
    op.drop_table('approval_decision')
    op.drop_index(op.f('ix_project_tenant'), table_name='project')
    op.drop_index('ix_project_listing', table_name='project')
    op.drop_index(op.f('ix_project_department_id'), table_name='project')
    op.drop_table('project')
    op.drop_index(op.f('ix_calendar_feed_user_id'), table_name='calendar_feed')
    op.drop_index(op.f('ix_calendar_feed_tenant'), table_name='calendar_feed')
    op.drop_table('calendar_feed')
    op.drop_table('tenant_config')
    op.drop_index(op.f('ix_taxonomy_term_tenant'), table_name='taxonomy_term')
    op.drop_table('taxonomy_term')
    op.drop_index(op.f('ix_role_grant_user_id'), table_name='role_grant')
    op.drop_index(op.f('ix_role_grant_tenant'), table_name='role_grant')
    op.drop_index(op.f('ix_role_grant_scope_id'), table_name='role_grant')
    op.drop_table('role_grant')
    op.drop_index(op.f('ix_department_tenant'), table_name='department')
    op.drop_table('department')

"""Identity's own tables: tenants, roles, support access, audit, terms, invitations,
people, onboarding progress, and the project -> department read model.

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
    op.create_table('audit_entry',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.String(length=64), nullable=False),
    sa.Column('actor_username', sa.String(length=100), nullable=False),
    sa.Column('actor_role', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=100), nullable=False),
    sa.Column('target_user_id', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_entry_tenant_at', 'audit_entry', ['tenant', 'at'], unique=False)
    op.create_index('ix_audit_entry_tenant_target', 'audit_entry', ['tenant', 'target_user_id'], unique=False)
    op.create_table('invitation',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=True),
    sa.Column('scope_id', sa.String(length=100), nullable=True),
    sa.Column('external', sa.Boolean(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('invited_by_user_id', sa.String(length=64), nullable=True),
    sa.Column('invited_by_username', sa.String(length=100), nullable=False),
    sa.Column('sent_count', sa.Integer(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_by_user_id', sa.String(length=64), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_invitation_tenant_email', 'invitation', ['tenant', 'email'], unique=False)
    op.create_index('ix_invitation_tenant_status', 'invitation', ['tenant', 'status'], unique=False)
    op.create_table('onboarding_progress',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('item_key', sa.String(length=60), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'user_id', 'item_key')
    )
    op.create_table('person',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organisation_type', sa.String(length=20), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_active_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('tenant', 'user_id'),
    sa.UniqueConstraint('tenant', 'username', name='uq_person_tenant_username')
    )
    op.create_table('project_department',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('project_id', sa.String(length=100), nullable=False),
    sa.Column('department_id', sa.String(length=100), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('event_time', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'project_id')
    )
    op.create_table('role_grant',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=True),
    sa.Column('scope_id', sa.String(length=100), nullable=True),
    sa.Column('external', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('granted_by', sa.String(length=100), nullable=False),
    sa.Column('invitation_id', sa.String(length=36), nullable=True),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('activated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_role_grant_tenant_scope', 'role_grant', ['tenant', 'scope', 'scope_id'], unique=False)
    op.create_index('ix_role_grant_tenant_user', 'role_grant', ['tenant', 'user_id'], unique=False)
    op.create_table('support_grant',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('granted_by_user_id', sa.String(length=64), nullable=False),
    sa.Column('granted_by_username', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_support_grant_tenant_expires', 'support_grant', ['tenant', 'expires_at'], unique=False)
    op.create_table('tenant',
    sa.Column('slug', sa.String(length=63), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('default_language', sa.String(length=2), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('primary_domain', sa.String(length=253), nullable=False),
    sa.Column('allow_external_moderators', sa.Boolean(), nullable=False),
    sa.Column('allow_self_registration', sa.Boolean(), nullable=False),
    sa.Column('require_project_approval', sa.Boolean(), nullable=False),
    sa.Column('keycloak_url', sa.String(length=500), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('spec', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('slug')
    )
    op.create_table('terms',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant')
    )
    op.create_table('terms_acceptance',
    sa.Column('tenant', sa.String(length=63), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant', 'user_id', 'version')
    )


def downgrade() -> None:
    op.drop_table('terms_acceptance')
    op.drop_table('terms')
    op.drop_table('tenant')
    op.drop_index('ix_support_grant_tenant_expires', table_name='support_grant')
    op.drop_table('support_grant')
    op.drop_index('ix_role_grant_tenant_user', table_name='role_grant')
    op.drop_index('ix_role_grant_tenant_scope', table_name='role_grant')
    op.drop_table('role_grant')
    op.drop_table('project_department')
    op.drop_table('person')
    op.drop_table('onboarding_progress')
    op.drop_index('ix_invitation_tenant_status', table_name='invitation')
    op.drop_index('ix_invitation_tenant_email', table_name='invitation')
    op.drop_table('invitation')
    op.drop_index('ix_audit_entry_tenant_target', table_name='audit_entry')
    op.drop_index('ix_audit_entry_tenant_at', table_name='audit_entry')
    op.drop_table('audit_entry')

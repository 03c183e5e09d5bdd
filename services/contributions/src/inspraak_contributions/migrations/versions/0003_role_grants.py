"""The role grant read model, kept from identity's role.granted / role.revoked.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "role_grant",
        sa.Column("tenant", sa.String(length=63), nullable=False),
        sa.Column("grant_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=True),
        sa.Column("scope_id", sa.String(length=100), nullable=True),
        sa.Column("external", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("event_time", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant", "grant_id"),
    )
    op.create_index("ix_role_grant_user", "role_grant", ["tenant", "user_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_role_grant_user", table_name="role_grant")
    op.drop_table("role_grant")

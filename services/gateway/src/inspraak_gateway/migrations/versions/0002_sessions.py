"""Server-side web sessions and sign-ins in progress.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("id", _STR(length=64), primary_key=True),
        sa.Column("tenant", _STR(length=63), nullable=False),
        sa.Column("user_id", _STR(length=64), nullable=False),
        sa.Column("username", _STR(length=255), nullable=False),
        sa.Column("csrf_token", _STR(length=64), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=False),
        sa.Column("id_token", sa.Text(), nullable=False),
        sa.Column("access_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_session_tenant", "web_session", ["tenant"])
    op.create_index("ix_web_session_user_id", "web_session", ["user_id"])
    op.create_table(
        "login_attempt",
        sa.Column("id", _STR(length=64), primary_key=True),
        sa.Column("tenant", _STR(length=63), nullable=False),
        sa.Column("code_verifier", _STR(length=128), nullable=False),
        sa.Column("nonce", _STR(length=64), nullable=False),
        sa.Column("redirect_uri", _STR(length=600), nullable=False),
        sa.Column("return_to", _STR(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("login_attempt")
    op.drop_index("ix_web_session_user_id", table_name="web_session")
    op.drop_index("ix_web_session_tenant", table_name="web_session")
    op.drop_table("web_session")

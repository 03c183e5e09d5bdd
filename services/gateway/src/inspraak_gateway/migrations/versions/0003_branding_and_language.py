"""The tenant read model (name, languages, branding) and the session's chosen language.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "tenant_branding",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("display_name", _STR(length=200), nullable=False),
        sa.Column("default_language", _STR(length=8), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("primary_color", _STR(length=7), nullable=True),
        sa.Column("logo_url", _STR(length=2000), nullable=True),
        sa.Column("allow_self_registration", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("web_session", sa.Column("language", _STR(length=8), nullable=True))


def downgrade() -> None:
    op.drop_column("web_session", "language")
    op.drop_table("tenant_branding")

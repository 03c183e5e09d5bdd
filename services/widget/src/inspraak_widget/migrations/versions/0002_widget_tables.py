"""The widget's read model (sites, projects, inputs, departments), domains and redirects.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
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
        "site",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("display_name", _STR(length=200), nullable=False),
        sa.Column("default_language", _STR(length=2), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("primary_color", _STR(length=7), nullable=True),
        sa.Column("logo_url", _STR(length=500), nullable=True),
        sa.Column("spec_domains", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "catalog_department",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("department_id", _STR(length=64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("slug", _STR(length=120), nullable=False),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "catalog_project",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("project_id", _STR(length=64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("slug", _STR(length=120), nullable=False),
        sa.Column("department_id", _STR(length=64), nullable=True),
        sa.Column("status", _STR(length=20), nullable=False),
        sa.Column("visibility", _STR(length=20), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("phases", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_catalog_project_listing", "catalog_project", ["tenant", "status", "visibility"]
    )
    op.create_table(
        "catalog_project_term",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("project_id", _STR(length=64), primary_key=True),
        sa.Column("term_id", _STR(length=64), primary_key=True),
        sa.Column("kind", _STR(length=10), nullable=False),
    )
    op.create_index(
        "ix_catalog_project_term_term", "catalog_project_term", ["tenant", "term_id"]
    )
    op.create_table(
        "catalog_input",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("input_id", _STR(length=64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", _STR(length=64), nullable=False),
        sa.Column("title", _STR(length=300), nullable=False),
        sa.Column("status", _STR(length=30), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("up", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_catalog_input_project", "catalog_input", ["tenant", "project_id", "created_at"]
    )
    op.create_table(
        "domain_config",
        sa.Column("tenant", _STR(length=63), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("embed_origins", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "tenant_host",
        sa.Column("host", _STR(length=253), primary_key=True),
        sa.Column("tenant", _STR(length=63), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_tenant_host_tenant", "tenant_host", ["tenant"])
    op.create_index(
        "uq_tenant_host_primary",
        "tenant_host",
        ["tenant"],
        unique=True,
        postgresql_where=sa.text("is_primary"),
        sqlite_where=sa.text("is_primary"),
    )
    op.create_table(
        "path_redirect",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant", _STR(length=63), nullable=False),
        sa.Column("source_path", _STR(length=300), nullable=False),
        sa.Column("target", _STR(length=2000), nullable=False),
        sa.Column("permanent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("tenant", "source_path", name="uq_path_redirect_source"),
    )
    op.create_index("ix_path_redirect_tenant", "path_redirect", ["tenant"])


def downgrade() -> None:
    op.drop_table("path_redirect")
    op.drop_table("tenant_host")
    op.drop_table("domain_config")
    op.drop_table("catalog_input")
    op.drop_table("catalog_project_term")
    op.drop_table("catalog_project")
    op.drop_table("catalog_department")
    op.drop_table("site")

"""The domains in use per tenant: aliases beside the primary domain, and the version of the
widget service's latest `widget.domains.changed` that was applied.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tenant",
        sa.Column("domain_aliases", sa.JSON(), nullable=False, server_default="[]"),
    )
    op.add_column("tenant", sa.Column("widget_domains_version", sa.Integer(), nullable=True))
    # Until now the domains in use were the spec's.
    op.execute(
        "UPDATE tenant SET domain_aliases = COALESCE(spec -> 'domains' -> 'aliases', '[]'::json)"
    )


def downgrade() -> None:
    op.drop_column("tenant", "widget_domains_version")
    op.drop_column("tenant", "domain_aliases")

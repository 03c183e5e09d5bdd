"""A policy-maker update per tenant and period, and the tenant's settings for them."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    new_id,
    time_column,
    utcnow,
)


class PolicyUpdate(SQLModel, table=True):
    """Period 0 is the launch; period n covers the three months before launch + 3n months.

    The unique (tenant, period_index) makes preparing a period idempotent across
    restarts and replicas; `status` goes from draft to sent exactly once.
    """

    __tablename__ = "policy_update"
    __table_args__ = (UniqueConstraint("tenant", "period_index", name="uq_policy_update_period"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    period_index: int
    period_start: datetime = Field(sa_column=time_column())
    period_end: datetime = Field(sa_column=time_column())
    status: str = Field(default="draft", max_length=20)
    figures: dict[str, Any] = Field(default_factory=dict, sa_column=json_column())
    chart_png: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    introduction: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    auto_send_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    sender_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    sender_username: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    sent_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    recipients: int = 0


class PolicyUpdateSettings(SQLModel, table=True):
    __tablename__ = "policy_update_settings"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    # None: the moment this service first heard of the tenant.
    launch_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    # None: never automatically; the superadmin sends each update.
    auto_send_after_days: int | None = 7
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())

"""The quarterly review: the professional and their manager look back on a calendar quarter together."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from magicloop.models.base import Versioned, foreign_key, timestamp


class QuarterlyReview(Versioned, table=True):
    """Both summaries and both sign-offs; once both have signed it is read-only (its comments stay open).
    Each summary counts its own saves: a form opened at an older count of its side is refused, whatever the
    other side did meanwhile."""

    __table_args__ = (UniqueConstraint("owner_id", "quarter"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = foreign_key("user.id", index=False)  # the unique constraint's index serves lookups
    quarter: str = Field(max_length=6)  # "2026Q4"
    owner_summary: str = Field(default="", max_length=4000)
    manager_summary: str = Field(default="", max_length=4000)
    owner_summary_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    manager_summary_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    manager_summary_by_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    owner_signed_at: dt.datetime | None = timestamp(nullable=True)
    manager_signed_at: dt.datetime | None = timestamp(nullable=True)
    manager_signed_by_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)

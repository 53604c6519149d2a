"""Tracked items: the manager's asks, recommendations, ideas and their progress."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from magicloop.models.base import Versioned, foreign_key, timestamp
from magicloop.models.loop import ItemStatus, Priority


class ManagerAsk(Versioned, table=True):
    """What the manager asked when told "how can I help you?"."""

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    logged_by_id: int = foreign_key("user.id")
    idea_id: int | None = foreign_key("idea.id", nullable=True, cascade=False)
    what: str = Field(max_length=500)
    why: str = Field(default="", max_length=2000)
    asked_on: dt.date
    due_on: dt.date | None = Field(default=None, index=True)
    priority: str = Field(default=Priority.MEDIUM, max_length=16)
    status: str = Field(default=ItemStatus.NOT_STARTED, max_length=16)
    percent: int = 0
    outcome: str = Field(default="", max_length=2000)
    completed_at: dt.datetime | None = timestamp(nullable=True)
    reminded_on: dt.date | None = None  # its owner's last due reminder (services/notifications.remind_due)
    acknowledged_at: dt.datetime | None = timestamp(nullable=True)
    acknowledged_by_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    pulse_id: int | None = foreign_key("culturepulse.id", nullable=True, cascade=False)  # its evidence, if any
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)


class GrowthConversation(Versioned, table=True):
    """ "How can I grow?": the goal said out loud, the gaps named, the feedback heard."""

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    recorded_by_id: int = foreign_key("user.id")
    held_on: dt.date
    goal_restated: str = Field(default="", max_length=2000)
    gaps: str = Field(default="", max_length=4000)
    feedback: str = Field(default="", max_length=4000)
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)


class Recommendation(Versioned, table=True):
    """A recommended next step, tracked like an ask; the closing reply closes the loop."""

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    conversation_id: int | None = foreign_key("growthconversation.id", nullable=True, cascade=False)
    recommended_by_id: int = foreign_key("user.id")
    what: str = Field(max_length=500)
    why: str = Field(default="", max_length=2000)
    due_on: dt.date | None = Field(default=None, index=True)
    status: str = Field(default=ItemStatus.NOT_STARTED, max_length=16)
    percent: int = 0
    outcome: str = Field(default="", max_length=2000)
    completed_at: dt.datetime | None = timestamp(nullable=True)
    reminded_on: dt.date | None = None  # its owner's last due reminder (services/notifications.remind_due)
    closing_reply: str = Field(default="", max_length=2000)
    replied_at: dt.datetime | None = timestamp(nullable=True)
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)


class Idea(Versioned, table=True):
    """Advanced mode: the professional suggests instead of asking."""

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    author_id: int = foreign_key("user.id")
    proposal: str = Field(max_length=2000)
    status: str = Field(default="pending", max_length=16)  # pending, accepted, declined, withdrawn
    decided_by_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    decided_at: dt.datetime | None = timestamp(nullable=True)
    decline_reason: str = Field(default="", max_length=2000)
    pulse_id: int | None = foreign_key("culturepulse.id", nullable=True, cascade=False)  # its evidence, if any
    created_at: dt.datetime = timestamp(default_now=True)


class ProgressUpdate(SQLModel, table=True):
    """Progress on one ask or recommendation, with the evidence behind it."""

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    ask_id: int | None = foreign_key("managerask.id", nullable=True)
    recommendation_id: int | None = foreign_key("recommendation.id", nullable=True)
    author_id: int = foreign_key("user.id")
    status: str = Field(max_length=16)
    percent: int
    note: str = Field(default="", max_length=4000)
    evidence_links: str = Field(default="", max_length=2000)  # one URL a line
    created_at: dt.datetime = timestamp(default_now=True)


class COEReview(Versioned, table=True):
    """Correction of Error review for a blocked or failed item."""

    __table_args__ = (Index("ix_coereview_subject", "subject_kind", "subject_id"),)

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    author_id: int = foreign_key("user.id")
    subject_kind: str = Field(max_length=32)  # "ask" or "recommendation"
    subject_id: int
    what_happened: str = Field(max_length=4000)
    impact: str = Field(default="", max_length=4000)
    root_cause: str = Field(default="", max_length=4000)
    supporting_data: str = Field(default="", max_length=4000)
    lessons: str = Field(default="", max_length=4000)
    corrective_actions: str = Field(default="", max_length=4000)
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)

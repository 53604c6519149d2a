"""One iteration of the Magic Loop and what the professional records in it."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from magicloop.models.base import foreign_key, timestamp


class Stage(enum.IntEnum):
    REFLECT = 1
    ASK = 2
    IMPLEMENT = 3
    GROW = 4
    RECOMMENDED = 5


class ItemStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"


class Priority(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RaterKind(enum.StrEnum):
    SELF = "self"
    MANAGER = "manager"


class Loop(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("owner_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = foreign_key("user.id")
    number: int
    goal: str = Field(max_length=500)
    target_role: str = Field(default="", max_length=120)
    target_date: dt.date | None = None
    stage: int = Field(default=Stage.REFLECT)
    previous_loop_id: int | None = foreign_key("loop.id", nullable=True, cascade=False)
    started_at: dt.datetime = timestamp(default_now=True)
    closed_at: dt.datetime | None = timestamp(nullable=True)
    checkin_nudged_on: dt.date | None = None  # the last missed check-in both sides were told of
    retrospective_moved: str = Field(default="", max_length=2000)
    retrospective_stalled: str = Field(default="", max_length=2000)


class CarriedItem(SQLModel, table=True):
    """An open item linked into a later loop (linked, not copied)."""

    __table_args__ = (
        UniqueConstraint("loop_id", "item_kind", "item_id"),
        Index("ix_carrieditem_item", "item_kind", "item_id"),  # which later loops an item was carried into
    )

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    item_kind: str = Field(max_length=32)  # "ask", "recommendation", "action_step"
    item_id: int


class CompetencyRating(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("loop_id", "competency_id", "rater_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    competency_id: int = foreign_key("competency.id", cascade=False)
    rater_id: int = foreign_key("user.id")
    rater_kind: str = Field(max_length=16)  # RaterKind
    score: int  # 1–5
    evidence: str = Field(default="", max_length=2000)
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)


class SelfReflection(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = Field(foreign_key="loop.id", unique=True, ondelete="CASCADE")
    strengths: str = Field(default="", max_length=2000)
    weaknesses: str = Field(default="", max_length=2000)
    interests: str = Field(default="", max_length=2000)
    readiness: int | None = None  # 1–10
    readiness_why: str = Field(default="", max_length=2000)
    updated_at: dt.datetime = timestamp(default_now=True)


class ActionStep(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    description: str = Field(max_length=500)
    due_on: dt.date
    done_at: dt.datetime | None = timestamp(nullable=True)
    created_at: dt.datetime = timestamp(default_now=True)


class StageReflection(SQLModel, table=True):
    """What I learned, what was hard, what I enjoyed — per loop and stage."""

    __table_args__ = (UniqueConstraint("loop_id", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    stage: int
    learned: str = Field(default="", max_length=2000)
    hard: str = Field(default="", max_length=2000)
    enjoyed: str = Field(default="", max_length=2000)
    moves_toward_goal: bool | None = None
    updated_at: dt.datetime = timestamp(default_now=True)

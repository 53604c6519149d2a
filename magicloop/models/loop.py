"""One iteration of the Magic Loop and what the professional records in it."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, UniqueConstraint, event, select
from sqlmodel import Field, SQLModel

from magicloop.models.base import Versioned, foreign_key, timestamp
from magicloop.models.people import CompetencyFramework, User


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


class Loop(Versioned, table=True):
    __table_args__ = (UniqueConstraint("owner_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = foreign_key("user.id")
    number: int
    goal: str = Field(max_length=500)
    target_role: str = Field(default="", max_length=120)
    target_date: dt.date | None = None
    stage: int = Field(default=Stage.REFLECT)
    previous_loop_id: int | None = foreign_key("loop.id", nullable=True, cascade=False)
    # The framework version it started on, kept for good (filled in when it is first saved: see below).
    framework_id: int = foreign_key("competencyframework.id", cascade=False)
    started_at: dt.datetime = timestamp(default_now=True)
    closed_at: dt.datetime | None = timestamp(nullable=True)
    checkin_nudged_on: dt.date | None = None  # the last missed check-in both sides were told of
    retrospective_moved: str = Field(default="", max_length=2000)
    retrospective_stalled: str = Field(default="", max_length=2000)


@event.listens_for(Loop, "before_insert")
def _starts_on_the_current_framework(_mapper, connection, loop: Loop) -> None:
    """A new loop is rated against its organisation's current framework version, whoever starts it; a loop
    that names its version (moved from another instance) keeps it."""
    if loop.framework_id is None:
        loop.framework_id = connection.execute(
            select(CompetencyFramework.id)
            .join(User, User.organisation_id == CompetencyFramework.organisation_id)
            .where(User.id == loop.owner_id, CompetencyFramework.is_current.is_(True))
            .order_by(CompetencyFramework.version.desc())
            .limit(1)
        ).scalar_one()


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


class CompetencyRating(Versioned, table=True):
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


class SelfReflection(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = Field(foreign_key="loop.id", unique=True, ondelete="CASCADE")
    strengths: str = Field(default="", max_length=2000)
    weaknesses: str = Field(default="", max_length=2000)
    interests: str = Field(default="", max_length=2000)
    readiness: int | None = None  # 1–10
    readiness_why: str = Field(default="", max_length=2000)
    updated_at: dt.datetime = timestamp(default_now=True)


class ActionStep(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    description: str = Field(max_length=500)
    due_on: dt.date
    done_at: dt.datetime | None = timestamp(nullable=True)
    created_at: dt.datetime = timestamp(default_now=True)


class StageReflection(Versioned, table=True):
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

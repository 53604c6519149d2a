"""A professional's insights page, in one call: are their loops working?

The Success Index over the last eight quarters with the items behind each number, feedback closure over
the last year, how long each loop took and what it delivered, this loop's competency ratings against the
last one's, and readiness loop by loop. For the professional, their manager and their mentors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlmodel import Session

from magicloop.models import User, utcnow
from magicloop.services import closure, pictures, quarters, success_index
from magicloop.services.closure import Closure
from magicloop.services.loops import owner_loops, shown_owner
from magicloop.services.pictures import LoopLength, RatingsCompared, Readiness
from magicloop.services.success_index import QuarterIndex


@dataclasses.dataclass(frozen=True)
class Pictures:
    """What the insights and review pages draw."""

    index: list[QuarterIndex]  # eight quarters, oldest first
    closure: Closure
    closure_parts: list[Closure]  # per quarter
    loops: list[LoopLength]  # oldest first
    ratings: list[RatingsCompared]
    compared: str  # "Loop 3 against loop 2"
    readiness: list[Readiness]


@dataclasses.dataclass(frozen=True)
class InsightsView:
    owner_id: int
    owner_name: str
    is_owner: bool
    quarter: str  # the running quarter's key: its items are shown first
    pictures: Pictures  # closure over the last year


def compared_loops(db: Session, loops: list) -> tuple[list[RatingsCompared], str]:
    """The newest of `loops` (newest first) against the one before it."""
    now, before = (loops + [None, None])[:2]
    words = f"Loop {now.number} against loop {before.number}" if before else f"Loop {now.number}" if now else ""
    return pictures.ratings_compared(db, now, before), words


def open_insights(db: Session, actor: User, person: object, now: dt.datetime | None = None) -> InsightsView:
    """`person` is whose insights (their id); None for the actor's own."""
    owner = shown_owner(db, actor, actor.id if person is None else person)
    now = now or utcnow()
    today = success_index.owner_today(owner, now)
    shown = quarters.trend(quarters.Quarter.of(today))
    year = closure.window(today)
    given = closure.feedback_given(db, [owner.id], year[0].first_day, today)
    loops = owner_loops(db, owner.id)  # newest first
    ratings, compared = compared_loops(db, loops)
    return InsightsView(
        owner_id=owner.id,
        owner_name=owner.display_name,
        is_owner=owner.id == actor.id,
        quarter=shown[-1].key,
        pictures=Pictures(
            index=success_index.of_quarters(db, owner, shown, today),
            closure=closure.closure(given),
            closure_parts=closure.by_quarter(given, year),
            loops=pictures.loop_lengths(db, loops, ZoneInfo(actor.time_zone), now),
            ratings=ratings,
            compared=compared,
            readiness=pictures.readiness_over_loops(db, loops),
        ),
    )

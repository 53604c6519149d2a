"""What an admin sees of the organisation's loops: aggregates, never anyone's content.

Loops per stage, feedback closure, median loop length and the spread of the last quarter's Success Index.
A figure that would count fewer than three people is hidden, so no one's numbers can be picked out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from magicloop.models import Loop, Organisation, Stage, User, utcnow
from magicloop.services import closure, success_index
from magicloop.services.loops import STAGE_TITLES
from magicloop.services.policy import Action, authorize
from magicloop.services.quarters import Quarter

THRESHOLD = 3  # people a figure must count to be shown
HIDDEN = f"Hidden: fewer than {THRESHOLD} people"
BANDS = ((90, "90–100 %"), (75, "75–89 %"), (50, "50–74 %"), (0, "0–49 %"))  # highest first


@dataclasses.dataclass(frozen=True)
class Figure:
    label: str
    value: float | None  # None: hidden, or nothing to count
    shown: str  # the value as words, or why it is hidden


@dataclasses.dataclass(frozen=True)
class OrganisationInsights:
    since: str  # the start of the year closure and loop lengths are read over
    stages: list[Figure]  # loops under way, per stage
    closure: Figure  # percent of asks and recommendations closed with a reply
    reply_days: Figure  # median days to close one
    loop_days: Figure  # median length of a loop closed in the year
    quarter: str  # the last quarter to have ended: "2026 Q3"
    index_bands: list[Figure]  # people per band of that quarter's Success Index, highest band first


def figure(label: str, value: float | None, people: int, unit: str = "") -> Figure:
    """`value`, unless it counts fewer than THRESHOLD people."""
    if people < THRESHOLD or value is None:
        return Figure(label, None, HIDDEN if people < THRESHOLD else "None yet")
    number = f"{value:g}" if isinstance(value, float) else str(value)
    return Figure(label, value, number + unit)


def organisation_insights(db: Session, actor: User, now: dt.datetime | None = None) -> OrganisationInsights:
    organisation = db.get(Organisation, actor.organisation_id)
    authorize(db, actor, Action.VIEW_AGGREGATES, organisation)
    now = now or utcnow()
    today = now.date()
    members = select(User.id).where(User.organisation_id == organisation.id, User.disabled_at.is_(None))
    year = closure.window(today)
    since = year[0].first_day
    given = closure.feedback_given(db, members, since, today)
    closed = closure.closure(given)
    askers = len({f.owner_id for f in given})
    last = Quarter.of(today).shifted(-1)
    return OrganisationInsights(
        since=f"{since.day} {since.strftime('%b %Y')}",
        stages=_stages(db, members),
        closure=figure("Closed with a reply", closed.percent, askers, " %"),
        reply_days=figure("Median days to reply", closed.median_days, askers, " days"),
        loop_days=_loop_days(db, members, since),
        quarter=last.label,
        index_bands=_bands(db, members, last, today),
    )


def _stages(db: Session, members) -> list[Figure]:
    """Loops under way per stage; each person has one at most, so a stage counts as many people as loops."""
    counted = dict(
        db.exec(
            select(Loop.stage, func.count())
            .where(Loop.owner_id.in_(members), Loop.closed_at.is_(None))
            .group_by(Loop.stage)
        ).all()
    )
    return [figure(STAGE_TITLES[stage], counted.get(stage, 0), counted.get(stage, 0)) for stage in Stage]


def _loop_days(db: Session, members, since: dt.date) -> Figure:
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
    closed = db.exec(
        select(Loop.owner_id, Loop.started_at, Loop.closed_at).where(
            Loop.owner_id.in_(members), Loop.closed_at >= start
        )
    ).all()
    days = [(ended - started).total_seconds() / 86400 for _, started, ended in closed]
    median = round(statistics.median(days), 1) if days else None
    return figure("Median loop length", median, len({owner for owner, _, _ in closed}), " days")


def _bands(db: Session, members, quarter: Quarter, today: dt.date) -> list[Figure]:
    """How many people's index of `quarter` falls in each band (the quarter has ended: every item is judged)."""
    items = success_index.committed_items(db, members, quarter.first_day, quarter.last_day)
    indices = [
        success_index.quarter_index(quarter, mine, today).percent for mine in success_index.by_owner(items).values()
    ]
    per_band = Counter(
        next(label for low, label in BANDS if percent >= low) for percent in indices if percent is not None
    )
    return [figure(label, per_band[label], per_band[label], " people") for _, label in BANDS]

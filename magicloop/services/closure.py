"""Feedback closure: of the asks and recommendations a professional was given, how many they closed with
a reply, and how many days that took (the CX rule: collect, act, tell).

An ask is closed by its delivery, whose outcome tells the manager what came of it; a recommendation by
the professional's closing reply, saying what they did.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Iterable

from sqlalchemy import case, literal, union_all
from sqlmodel import Session, select

from magicloop.models import ItemStatus, Loop, ManagerAsk, Recommendation
from magicloop.services.quarters import Quarter, trend

WINDOW = 4  # quarters: closure is read over the last year


@dataclasses.dataclass(frozen=True)
class Feedback:
    owner_id: int
    logged_at: dt.datetime
    closed_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class Closure:
    label: str  # what it is about: a quarter ("2026 Q4"), a person, or "" for everything shown
    given: int  # asks and recommendations logged in the period
    closed: int
    percent: int | None  # None: nothing given
    median_days: float | None  # from logged to closed, over those closed; None: none closed


def feedback_given(db: Session, owners, since: dt.date, until: dt.date) -> list[Feedback]:
    """The asks and recommendations logged for `owners` (ids, or a select of them) from `since` to `until`
    (dates, UTC), in one statement."""
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    delivered = case((ManagerAsk.status == ItemStatus.DONE, ManagerAsk.completed_at))
    parts = [
        select(literal(kind), Loop.owner_id, model.created_at, closed)
        .join(Loop, Loop.id == model.loop_id)
        .where(Loop.owner_id.in_(owners), model.created_at >= start, model.created_at < end)
        for kind, model, closed in (
            ("ask", ManagerAsk, delivered),
            ("recommendation", Recommendation, Recommendation.replied_at),
        )
    ]
    return [
        Feedback(owner_id, logged_at, closed_at) for _, owner_id, logged_at, closed_at in db.exec(union_all(*parts))
    ]


def closure(feedback: Iterable[Feedback], label: str = "") -> Closure:
    given = list(feedback)
    days = [(f.closed_at - f.logged_at).total_seconds() / 86400 for f in given if f.closed_at is not None]
    return Closure(
        label=label,
        given=len(given),
        closed=len(days),
        percent=int(100 * len(days) / len(given) + 0.5) if given else None,
        median_days=round(statistics.median(days), 1) if days else None,
    )


def window(today: dt.date) -> list[Quarter]:
    """The last year, in whole quarters: this one and the three before it, oldest first."""
    return trend(Quarter.of(today), WINDOW)


def by_quarter(feedback: list[Feedback], quarters: list[Quarter]) -> list[Closure]:
    """Closure of what was given in each quarter (by the day it was logged, UTC)."""
    return [
        closure((f for f in feedback if quarter.contains(f.logged_at.date())), quarter.label) for quarter in quarters
    ]

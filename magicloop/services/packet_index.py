"""The Success Index of each calendar quarter, as the growth packet shows it.

Committed items are the asks, recommendations and action steps whose due date falls in the quarter.
Delivered on or before the due date (a day of the professional's time zone) an item counts 1, delivered
late ½, not delivered once its due date has passed 0; one not yet due and not delivered is not counted
yet. The index is the points as a share of the items counted, in percent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import case, literal, union_all
from sqlmodel import Session, select

from magicloop.models import ActionStep, ItemStatus, ManagerAsk, Recommendation


@dataclasses.dataclass(frozen=True)
class QuarterScore:
    label: str  # "2026 Q4"
    percent: int | None  # None: nothing counted
    counted: int
    on_time: int
    late: int
    missed: int
    still_open: int


def quarters(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar quarters that overlap `first`..`last`, each as its first and last day."""
    found = []
    start = dt.date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    while start <= last:
        following = dt.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
        found.append((start, following - dt.timedelta(days=1)))
        start = following
    return found


def committed(db: Session, loop_ids: Iterable[int], first: dt.date, last: dt.date, zone: str):
    """(due day, delivered day or None) of every committed item of these loops due from `first` to `last`:
    one statement."""
    loops = list(loop_ids)
    if not loops:
        return []
    done = ItemStatus.DONE
    parts = [
        select(literal(kind).label("kind"), model.due_on, delivered.label("delivered_at")).where(
            model.loop_id.in_(loops), model.due_on >= first, model.due_on <= last
        )
        for kind, model, delivered in (
            ("ask", ManagerAsk, case((ManagerAsk.status == done, ManagerAsk.completed_at))),
            ("recommendation", Recommendation, case((Recommendation.status == done, Recommendation.completed_at))),
            ("action_step", ActionStep, ActionStep.done_at),
        )
    ]
    local = ZoneInfo(zone)
    return [(due, at.astimezone(local).date() if at else None) for _, due, at in db.exec(union_all(*parts))]


def by_quarter(items: list[tuple[dt.date, dt.date | None]], first: dt.date, last: dt.date, today: dt.date):
    """One score per quarter overlapping the period, from `committed`'s items."""
    scores = []
    for start, end in quarters(first, last):
        mine = [(due, done) for due, done in items if start <= due <= end]
        on_time = sum(1 for due, done in mine if done is not None and done <= due)
        late = sum(1 for due, done in mine if done is not None and done > due)
        missed = sum(1 for due, done in mine if done is None and due < today)
        counted = on_time + late + missed
        scores.append(
            QuarterScore(
                label=f"{start.year} Q{(start.month - 1) // 3 + 1}",
                percent=int(100 * (on_time + late / 2) / counted + 0.5) if counted else None,
                counted=counted,
                on_time=on_time,
                late=late,
                missed=missed,
                still_open=len(mine) - counted,
            )
        )
    return scores

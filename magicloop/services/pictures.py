"""What a professional's loops add up to, as pictures: how long each loop took and what it delivered, their
competency ratings against the loop before, and their readiness loop by loop."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import union_all
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    Competency,
    CompetencyRating,
    ItemStatus,
    Loop,
    ManagerAsk,
    RaterKind,
    Recommendation,
    SelfReflection,
)
from magicloop.services.ratings import compared_competencies, short_names


@dataclasses.dataclass(frozen=True)
class LoopLength:
    number: int
    goal: str
    started: str
    ended: str  # "" while under way
    days: int  # so far, while under way
    delivered: list[str]  # what was delivered during it


@dataclasses.dataclass(frozen=True)
class RatingsCompared:
    """One competency in this loop and the one before it, as rated by the professional and their manager."""

    competency: str  # its short name, for the chart's labels
    name: str
    self_now: int | None
    self_before: int | None
    manager_now: int | None
    manager_before: int | None


@dataclasses.dataclass(frozen=True)
class Readiness:
    loop: str  # "Loop 3"
    readiness: int  # 1–10


def _day(moment: dt.datetime, zone: ZoneInfo) -> str:
    day = moment.astimezone(zone).date()
    return f"{day.day} {day.strftime('%b %Y')}"


def loop_lengths(db: Session, loops: list[Loop], zone: ZoneInfo, now: dt.datetime) -> list[LoopLength]:
    """Oldest first: each loop's length, and what was delivered while it ran (an item carried into a later
    loop counts where it was finished)."""
    loops = sorted(loops, key=lambda loop: loop.started_at)
    delivered: list[list[str]] = [[] for _ in loops]
    starts = [loop.started_at for loop in loops]
    for what, done_at in _deliveries(db, [loop.id for loop in loops]):
        delivered[max(bisect.bisect_right(starts, done_at) - 1, 0)].append(what)
    return [
        LoopLength(
            number=loop.number,
            goal=loop.goal,
            started=_day(loop.started_at, zone),
            ended=_day(loop.closed_at, zone) if loop.closed_at else "",
            days=max(((loop.closed_at or now) - loop.started_at).days, 0),
            delivered=what,
        )
        for loop, what in zip(loops, delivered, strict=True)
    ]


def _deliveries(db: Session, loop_ids: list[int]) -> list[tuple[str, dt.datetime]]:
    """(what, when) for every item of these loops delivered, in the order they were delivered."""
    done = ItemStatus.DONE
    parts = [
        select(ManagerAsk.what, ManagerAsk.completed_at.label("done_at")).where(
            ManagerAsk.loop_id.in_(loop_ids), ManagerAsk.status == done, ManagerAsk.completed_at.is_not(None)
        ),
        select(Recommendation.what, Recommendation.completed_at).where(
            Recommendation.loop_id.in_(loop_ids),
            Recommendation.status == done,
            Recommendation.completed_at.is_not(None),
        ),
        select(ActionStep.description, ActionStep.done_at).where(
            ActionStep.loop_id.in_(loop_ids), ActionStep.done_at.is_not(None)
        ),
    ]
    return list(db.exec(union_all(*parts).order_by("done_at")))


def ratings_compared(db: Session, now: Loop | None, before: Loop | None) -> list[RatingsCompared]:
    """The competencies of both loops' framework versions, matched by key: as the newer loop names them, then
    those retired since, each with the four ratings (None where nobody rated); none at all while nobody has
    rated. The same statements however many loops and ratings there are."""
    loops = [loop for loop in (now, before) if loop is not None]
    scores = {
        (loop_id, key, kind): score
        for loop_id, key, kind, score in db.exec(
            select(CompetencyRating.loop_id, Competency.key, CompetencyRating.rater_kind, CompetencyRating.score)
            .join(Competency, Competency.id == CompetencyRating.competency_id)
            .where(CompetencyRating.loop_id.in_([loop.id for loop in loops]))
        )
    }
    competencies = compared_competencies(db, [loop.framework_id for loop in loops])
    if not scores:
        return []
    now_id, before_id = (now.id if now else 0), (before.id if before else 0)
    return [
        RatingsCompared(
            competency=short,
            name=c.name,
            self_now=scores.get((now_id, c.key, RaterKind.SELF)),
            self_before=scores.get((before_id, c.key, RaterKind.SELF)),
            manager_now=scores.get((now_id, c.key, RaterKind.MANAGER)),
            manager_before=scores.get((before_id, c.key, RaterKind.MANAGER)),
        )
        for c, short in zip(competencies, short_names([c.name for c in competencies]), strict=True)
    ]


def readiness_over_loops(db: Session, loops: list[Loop]) -> list[Readiness]:
    """Oldest loop first, the loops where readiness was said."""
    numbers = {loop.id: loop.number for loop in loops}
    said = db.exec(
        select(SelfReflection.loop_id, SelfReflection.readiness).where(
            SelfReflection.loop_id.in_(list(numbers)), SelfReflection.readiness.is_not(None)
        )
    ).all()
    return [
        Readiness(f"Loop {numbers[loop_id]}", readiness)
        for loop_id, readiness in sorted(said, key=lambda r: numbers[r[0]])
    ]

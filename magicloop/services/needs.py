"""What a manager's reports are waiting on them for — each a link to the exact item.

One definition, shown on the manager's dashboard ("Needs you") and per report on
the team page. Read for all reports at once: a handful of queries, not a few per person.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from magicloop.models import (
    GrowthConversation,
    Idea,
    ItemStatus,
    Loop,
    ManagerAsk,
    Recommendation,
    Stage,
    TimelineEvent,
    User,
)
from magicloop.services.cadence import is_stale
from magicloop.services.notifications import DELIVERY_STAGES, loop_link

ACKNOWLEDGE, RECOMMEND, DECIDE, CHECK_IN = "acknowledge", "recommend", "decide", "check_in"


@dataclasses.dataclass(frozen=True)
class NeedRow:
    kind: str  # ACKNOWLEDGE, RECOMMEND, DECIDE or CHECK_IN
    person_id: int
    text: str  # "Acknowledge Pat's delivery: Own the CSAT read-out"
    link: str


def needs_of(db: Session, reports: list[User], now: dt.datetime) -> list[NeedRow]:
    """For reports the caller has already been authorised to coach."""
    if not reports:
        return []
    people = {report.id: report for report in reports}
    loops = db.exec(select(Loop).where(Loop.owner_id.in_(people))).all()
    owner_of = {loop.id: loop.owner_id for loop in loops}
    current = {loop.owner_id: loop for loop in loops if loop.closed_at is None}
    first = {report_id: people[report_id].display_name.split()[0] for report_id in people}
    found = [
        NeedRow(
            ACKNOWLEDGE,
            owner_of[ask.loop_id],
            f"Acknowledge {first[owner_of[ask.loop_id]]}'s delivery: {ask.what}",
            loop_link(ask.loop_id, "ask", ask.id, stage=DELIVERY_STAGES["ask"]),
        )
        for ask in db.exec(
            select(ManagerAsk)
            .where(
                ManagerAsk.loop_id.in_(owner_of),
                ManagerAsk.status == ItemStatus.DONE,
                ManagerAsk.acknowledged_at.is_(None),
            )
            .order_by(ManagerAsk.completed_at, ManagerAsk.id)
        )
    ]
    found += [
        NeedRow(
            DECIDE,
            owner_of[idea.loop_id],
            f"Decide {first[owner_of[idea.loop_id]]}'s idea: {idea.proposal}",
            loop_link(idea.loop_id, "idea", idea.id),
        )
        for idea in db.exec(select(Idea).where(Idea.loop_id.in_(owner_of), Idea.status == "pending").order_by(Idea.id))
    ]
    found += _recommendations_owed(db, current, first)
    found += _check_ins_missed(db, people, current, first, now)
    return found


def _recommendations_owed(db: Session, current: dict[int, Loop], first: dict[int, str]) -> list[NeedRow]:
    """A growth conversation held in the current loop, and no recommendation after it yet."""
    loop_ids = [loop.id for loop in current.values() if loop.stage >= Stage.GROW]
    talked = set(db.exec(select(GrowthConversation.loop_id).where(GrowthConversation.loop_id.in_(loop_ids))))
    recommended = set(db.exec(select(Recommendation.loop_id).where(Recommendation.loop_id.in_(loop_ids))))
    return [
        NeedRow(
            RECOMMEND,
            owner_id,
            f"Recommend next steps for {first[owner_id]} after your growth conversation",
            loop_link(loop.id, stage=Stage.RECOMMENDED),
        )
        for owner_id, loop in current.items()
        if loop.id in talked - recommended
    ]


def _check_ins_missed(
    db: Session, people: dict[int, User], current: dict[int, Loop], first: dict[int, str], now: dt.datetime
) -> list[NeedRow]:
    last = dict(
        db.exec(
            select(TimelineEvent.owner_id, func.max(TimelineEvent.created_at))
            .where(TimelineEvent.owner_id.in_(current))
            .group_by(TimelineEvent.owner_id)
        ).all()
    )
    return [
        NeedRow(
            CHECK_IN, owner_id, f"Check in with {first[owner_id]}: nothing since the last check-in", loop_link(loop.id)
        )
        for owner_id, loop in current.items()
        if is_stale(people[owner_id].checkin_rrule, loop.started_at, last.get(owner_id), now)
    ]


def count(needs: list[NeedRow], person_id: int, kind: str) -> int:
    return sum(1 for need in needs if need.person_id == person_id and need.kind == kind)

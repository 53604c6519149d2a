"""What the professional sees first: where they are, what is due, what awaits a reply."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    Comment,
    ItemStatus,
    Loop,
    ManagerAsk,
    Recommendation,
    Stage,
    TimelineEvent,
    User,
    utcnow,
)
from magicloop.services.comments import awaiting_reply, unanswered
from magicloop.services.dates import describe
from magicloop.services.loop_view import next_action, open_in_current_stage
from magicloop.services.loops import STAGE_TITLES, LoopSummary, current_loop, items_in_loop, list_loops
from magicloop.services.needs import NeedRow, needs_of
from magicloop.services.policy import Action, authorize, followed_owner_ids
from magicloop.services.team import direct_reports

RECENT_EVENTS = 8
DUE_WINDOW = dt.timedelta(days=7)


@dataclasses.dataclass(frozen=True)
class TimelineRow:
    id: int
    kind: str
    summary: str
    when: str  # in the viewer's time zone


@dataclasses.dataclass(frozen=True)
class DueRow:
    kind: str  # "Ask", "Recommendation", "Action step"
    title: str
    due_text: str
    overdue: bool


@dataclasses.dataclass(frozen=True)
class HomeView:
    loop_id: int  # 0: no loop yet
    loop_number: int
    goal: str
    stage: int
    stage_title: str
    stage_open: int  # what is open in the current stage, counted as the stepper counts it
    next_action: str
    due: list[DueRow]
    overdue_count: int
    open_feedback: int  # recommendations and comments awaiting my reply
    awaiting_others: int  # what I said to others that still awaits their reply
    recent: list[TimelineRow]
    loops: list[LoopSummary]
    needs: list[NeedRow]  # for a manager: what their reports are waiting on them for


def recent_activity(db: Session, actor: User, owner: User, limit: int = RECENT_EVENTS) -> list[TimelineRow]:
    authorize(db, actor, Action.VIEW, owner)
    zone = ZoneInfo(actor.time_zone)
    events = db.exec(
        select(TimelineEvent)
        .where(TimelineEvent.owner_id == owner.id)
        .order_by(TimelineEvent.created_at.desc(), TimelineEvent.id.desc())
        .limit(limit)
    ).all()
    return [
        TimelineRow(
            id=e.id, kind=e.kind, summary=e.summary, when=e.created_at.astimezone(zone).strftime("%d %b %Y, %H:%M")
        )
        for e in events
    ]


def _due(db: Session, loop: Loop, today: dt.date) -> list[tuple[dt.date, DueRow]]:
    horizon, found = today + DUE_WINDOW, []
    for label, model, kind in (("Ask", ManagerAsk, "ask"), ("Recommendation", Recommendation, "recommendation")):
        for item in items_in_loop(db, model, kind, loop.id):
            if item.status != ItemStatus.DONE and item.due_on and item.due_on <= horizon:
                found.append((item.due_on, DueRow(label, item.what, describe(item.due_on, today), item.due_on < today)))
    for step in items_in_loop(db, ActionStep, "action_step", loop.id):
        if step.done_at is None and step.due_on <= horizon:
            found.append(
                (
                    step.due_on,
                    DueRow("Action step", step.description, describe(step.due_on, today), step.due_on < today),
                )
            )
    return sorted(found, key=lambda pair: pair[0])


def open_feedback_count(db: Session, owner_id: int) -> int:
    """Recommendations without a closing reply, and others' comments awaiting one."""
    loops = select(Loop.id).where(Loop.owner_id == owner_id)
    recs = db.exec(
        select(func.count())
        .select_from(Recommendation)
        .where(Recommendation.loop_id.in_(loops), Recommendation.replied_at.is_(None))
    ).one()
    comments = db.exec(
        select(func.count())
        .select_from(Comment)
        .where(Comment.loop_id.in_(loops), *awaiting_reply(db, db.get(User, owner_id)))
    ).one()
    return recs + comments


def awaiting_others_count(db: Session, actor: User) -> int:
    """My recommendations and comments on other people's loops still awaiting their reply:
    only on loops I may still see, since nothing else can still be answered to me."""
    others = select(Loop.id).where(Loop.owner_id.in_(followed_owner_ids(db, actor)))
    recs = db.exec(
        select(func.count())
        .select_from(Recommendation)
        .where(
            Recommendation.loop_id.in_(others),
            Recommendation.recommended_by_id == actor.id,
            Recommendation.replied_at.is_(None),
        )
    ).one()
    comments = db.exec(
        select(func.count())
        .select_from(Comment)
        .where(Comment.loop_id.in_(others), Comment.author_id == actor.id, *unanswered())
    ).one()
    return recs + comments


def home(db: Session, actor: User, today: dt.date) -> HomeView:
    loop = current_loop(db, actor.id)
    due = _due(db, loop, today) if loop else []
    return HomeView(
        loop_id=loop.id if loop else 0,
        loop_number=loop.number if loop else 0,
        goal=loop.goal if loop else "",
        stage=loop.stage if loop else 0,
        stage_title=STAGE_TITLES[Stage(loop.stage)] if loop else "",
        stage_open=open_in_current_stage(db, loop, today),
        next_action=next_action(db, loop, today) if loop else "Start your first loop with a career goal.",
        due=[row for _, row in due],
        overdue_count=sum(1 for _, row in due if row.overdue),
        open_feedback=open_feedback_count(db, actor.id),
        awaiting_others=awaiting_others_count(db, actor),
        recent=recent_activity(db, actor, actor),
        loops=list_loops(db, actor),
        needs=needs_of(db, direct_reports(db, actor, today), utcnow()),
    )

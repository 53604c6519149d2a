"""What the professional sees first: where they are, what is due, what awaits a reply."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, literal, union_all
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
from magicloop.services.loops import STAGE_TITLES, LoopSummary, current_loop, in_loop, list_loops
from magicloop.services.needs import NeedRow, needs_of
from magicloop.services.policy import Action, authorize, followed_owners
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


def _due(db: Session, loop: Loop, today: dt.date) -> list[DueRow]:
    """What is open and due within the week (or overdue), soonest first: only those rows are read."""
    horizon = today + DUE_WINDOW
    tracked = [
        select(literal(label), model.what, model.due_on, model.id).where(
            in_loop(model, kind, loop.id), model.status != ItemStatus.DONE, model.due_on <= horizon
        )
        for label, model, kind in (("Ask", ManagerAsk, "ask"), ("Recommendation", Recommendation, "recommendation"))
    ]
    steps = select(literal("Action step"), ActionStep.description, ActionStep.due_on, ActionStep.id).where(
        in_loop(ActionStep, "action_step", loop.id), ActionStep.done_at.is_(None), ActionStep.due_on <= horizon
    )
    order = {"Ask": 0, "Recommendation": 1, "Action step": 2}
    rows = sorted(db.exec(union_all(*tracked, steps)).all(), key=lambda row: (row[2], order[row[0]], row[3]))
    return [DueRow(label, title, describe(due_on, today), due_on < today) for label, title, due_on, _ in rows]


def _total(recs: Select, comments: Select) -> Select:
    """Two counts added up in one statement."""
    return select(recs.scalar_subquery() + comments.scalar_subquery())


def open_feedback_count(db: Session, owner_id: int) -> int:
    """Recommendations without a closing reply, and others' comments awaiting one."""
    loops = select(Loop.id).where(Loop.owner_id == owner_id)
    recs = (
        select(func.count())
        .select_from(Recommendation)
        .where(Recommendation.loop_id.in_(loops), Recommendation.replied_at.is_(None))
    )
    comments = (
        select(func.count())
        .select_from(Comment)
        .where(Comment.loop_id.in_(loops), *awaiting_reply(db, db.get(User, owner_id)))
    )
    return db.exec(_total(recs, comments)).one()


def awaiting_others_count(db: Session, actor: User, now: dt.datetime | None = None) -> int:
    """My recommendations and comments on other people's loops still awaiting their reply: only on
    the loops of those I may still see, since nothing else can still be answered to me.

    One statement over what I wrote (found by its author index), never over everyone's loops."""
    followed = followed_owners(actor, now or utcnow())
    recs = (
        select(func.count())
        .select_from(Recommendation)
        .join(Loop, Loop.id == Recommendation.loop_id)
        .where(
            Recommendation.recommended_by_id == actor.id,
            Recommendation.replied_at.is_(None),
            Loop.owner_id.in_(followed),
        )
    )
    comments = (
        select(func.count())
        .select_from(Comment)
        .join(Loop, Loop.id == Comment.loop_id)
        .where(Comment.author_id == actor.id, *unanswered(), Loop.owner_id.in_(followed))
    )
    return db.exec(_total(recs, comments)).one()


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
        due=due,
        overdue_count=sum(1 for row in due if row.overdue),
        open_feedback=open_feedback_count(db, actor.id),
        awaiting_others=awaiting_others_count(db, actor),
        recent=recent_activity(db, actor, actor),
        loops=list_loops(db, actor),
        needs=needs_of(db, direct_reports(db, actor, today), utcnow()),
    )

"""What the professional sees first: where they are, what is due, what awaits a reply."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Select, bindparam, exists, func
from sqlmodel import Session, select

from magicloop.models import (
    Comment,
    CulturePulse,
    Loop,
    PulseInvitation,
    QuarterlyReview,
    Recommendation,
    Stage,
    TimelineEvent,
    User,
    utcnow,
)
from magicloop.services.dates import describe, local_moment
from magicloop.services.loop_view import next_action, open_in_current_stage
from magicloop.services.loops import STAGE_TITLES, LoopSummary, current_loop, list_loops
from magicloop.services.needs import NeedRow, needs_of
from magicloop.services.notifications import review_link
from magicloop.services.outline import OutlineRow, outline
from magicloop.services.policy import ACTOR, OWNER, as_actor, as_owner, followed_owners
from magicloop.services.prepared import built_once
from magicloop.services.quarters import Quarter, review_due
from magicloop.services.rhythm import CheckinLine, checkin_line
from magicloop.services.team import direct_reports
from magicloop.services.threads import awaiting_reply, on_owners, unanswered

RECENT_EVENTS = 8
NO_CHECKIN = CheckinLine(stale=False, text="")
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
    review_reminder: str  # in a quarter's last two weeks, while my review awaits my sign-off; else ""
    review_link: str
    checkin: CheckinLine  # the next check-in, or the one missed that left the loop stale
    pulses_to_answer: int  # open culture pulses I was asked to answer and have not


def _latest_events(db: Session, owner: User) -> list[TimelineEvent]:
    return db.exec(_latest(), params={"owner_id": owner.id}).all()


@built_once
def _latest() -> Select:
    return (
        select(TimelineEvent)
        .where(TimelineEvent.owner_id == OWNER)
        .order_by(TimelineEvent.created_at.desc(), TimelineEvent.id.desc())
        .limit(RECENT_EVENTS)
    )


def _timeline_rows(events: list[TimelineEvent], viewer: User) -> list[TimelineRow]:
    return [
        TimelineRow(id=e.id, kind=e.kind, summary=e.summary, when=local_moment(e.created_at, viewer.time_zone))
        for e in events
    ]


_DUE_LABELS = {"ask": "Ask", "recommendation": "Recommendation", "action_step": "Action step"}  # in this order


def _due(rows: list[OutlineRow], today: dt.date) -> list[DueRow]:
    """What is open and due within the week (or overdue), soonest first."""
    horizon, order = today + DUE_WINDOW, list(_DUE_LABELS)
    due = [r for r in rows if r.kind in _DUE_LABELS and not r.done and r.due_on and r.due_on <= horizon]
    due.sort(key=lambda r: (r.due_on, order.index(r.kind), r.id))
    return [DueRow(_DUE_LABELS[r.kind], r.text, describe(r.due_on, today), r.due_on < today) for r in due]


def _count(table) -> Select:
    """A count of `table`'s rows, to narrow with joins and conditions."""
    return select(func.count()).select_from(table)


def _sum(recs: Select, comments: Select):
    """Two counts added up, as one column of a larger statement."""
    return recs.scalar_subquery() + comments.scalar_subquery()


def _owed():
    """Recommendations to OWNER without a closing reply, and others' comments awaiting one."""
    loops = select(Loop.id).where(Loop.owner_id == OWNER)
    recs = _count(Recommendation).where(Recommendation.loop_id.in_(loops), Recommendation.replied_at.is_(None))
    comments = _count(Comment).where(on_owners([OWNER]), *awaiting_reply())
    return _sum(recs, comments)


def _awaited():
    """ACTOR's recommendations and comments on other people's loops still awaiting their reply: only on
    the loops of those they may still see, since nothing else can still be answered to them. Counted over
    what they wrote (found by its author index), never over everyone's loops."""
    followed = followed_owners()
    recs = (
        _count(Recommendation)
        .join(Loop, Loop.id == Recommendation.loop_id)
        .where(
            Recommendation.recommended_by_id == ACTOR,
            Recommendation.replied_at.is_(None),
            Loop.owner_id.in_(followed),
        )
    )
    comments = _count(Comment).where(Comment.author_id == ACTOR, *unanswered(), on_owners(followed))
    return _sum(recs, comments)


def _pulses_to_answer():
    return (
        _count(PulseInvitation)
        .join(CulturePulse, CulturePulse.id == PulseInvitation.pulse_id)
        .where(
            PulseInvitation.user_id == ACTOR,
            PulseInvitation.answered.is_(False),
            CulturePulse.closed_at.is_(None),
        )
        .scalar_subquery()
    )


@built_once
def _feedback_counts() -> Select:
    signed = exists().where(
        QuarterlyReview.owner_id == ACTOR,
        QuarterlyReview.quarter == bindparam("quarter"),
        QuarterlyReview.owner_signed_at.is_not(None),
    )
    return select(_owed(), _awaited(), signed, _pulses_to_answer())


def feedback_counts(
    db: Session, actor: User, now: dt.datetime | None = None, review: Quarter | None = None
) -> tuple[int, int, bool, int]:
    """(what awaits my reply, what I wrote that awaits others', whether I signed my `review` quarter's review,
    the culture pulses awaiting my answer), in one statement."""
    now = now or utcnow()
    params = {**as_owner(actor, now), **as_actor(actor, now), "quarter": review.key if review else ""}
    owed, awaited, done, pulses = db.exec(_feedback_counts(), params=params).one()
    return owed, awaited, bool(done), pulses


def _review_reminder(quarter: Quarter | None, signed: bool, loops: list[LoopSummary]) -> str:
    if quarter is None or signed or not loops:
        return ""
    ends = f"{quarter.last_day.day} {quarter.last_day.strftime('%b')}"
    return f"Your {quarter.label} review is due by {ends}: write your summary and sign it off with your manager."


def home(db: Session, actor: User, today: dt.date) -> HomeView:
    loop, now = current_loop(db, actor.id), utcnow()
    due = _due(outline(db, loop.id), today) if loop else []
    quarter = review_due(today)
    owed, awaited, signed, pulses = feedback_counts(db, actor, review=quarter)
    loops = list_loops(db, actor)
    latest = _latest_events(db, actor)  # the newest is the loop's last activity
    last_activity = latest[0].created_at if latest else None
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
        open_feedback=owed,
        awaiting_others=awaited,
        recent=_timeline_rows(latest, actor),
        loops=loops,
        needs=needs_of(db, direct_reports(db, actor, today), now, today),
        review_reminder=_review_reminder(quarter, signed, loops),
        review_link=review_link(actor.id, quarter.key) if quarter else "",
        checkin=checkin_line(actor, loop, last_activity, now) if loop else NO_CHECKIN,
        pulses_to_answer=pulses,
    )

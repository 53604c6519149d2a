"""The manager's team page: each direct report at a glance."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, or_
from sqlmodel import Session, select

from magicloop.models import (
    Comment,
    ItemStatus,
    Loop,
    ManagerAsk,
    Recommendation,
    ReportingLine,
    User,
    utcnow,
)
from magicloop.services import needs
from magicloop.services.comments import awaiting_reply
from magicloop.services.loop_view import open_in_current_stage
from magicloop.services.loops import items_in_loop
from magicloop.services.progress import Glance, glance


@dataclasses.dataclass(frozen=True)
class ReportRow:
    person: Glance
    stage_open: int  # what is open in their current stage, counted as their stepper counts it
    overdue: int
    ideas_waiting: int
    to_acknowledge: int  # deliveries of my asks I have not acknowledged
    recommendations_owed: bool  # a growth conversation and no recommendation after it
    unanswered: int  # my recommendations and comments still awaiting their reply
    stale: bool


def direct_reports(db: Session, manager: User, today: dt.date) -> list[User]:
    return list(
        db.exec(
            select(User)
            .join(ReportingLine, ReportingLine.report_id == User.id)
            .where(
                ReportingLine.manager_id == manager.id,
                ReportingLine.starts_on <= today,
                or_(ReportingLine.ends_on.is_(None), ReportingLine.ends_on > today),
                User.disabled_at.is_(None),
            )
            .distinct()
            .order_by(User.display_name)
        ).all()
    )


def team_overview(db: Session, actor: User, today: dt.date, now: dt.datetime | None = None) -> list[ReportRow]:
    now, rows = now or utcnow(), []
    reports = direct_reports(db, actor, today)
    waiting = needs.needs_of(db, reports, now)
    for report in reports:
        person, loop, _ = glance(db, actor, report)
        rows.append(
            ReportRow(
                person=person,
                stage_open=open_in_current_stage(db, loop, today),
                overdue=_overdue(db, loop, today) if loop else 0,
                ideas_waiting=needs.count(waiting, report.id, needs.DECIDE),
                to_acknowledge=needs.count(waiting, report.id, needs.ACKNOWLEDGE),
                recommendations_owed=bool(needs.count(waiting, report.id, needs.RECOMMEND)),
                unanswered=_unanswered(db, actor, report),
                stale=bool(needs.count(waiting, report.id, needs.CHECK_IN)),
            )
        )
    return rows


def _count(db: Session, model, *conditions) -> int:
    return db.exec(select(func.count()).select_from(model).where(*conditions)).one()


def _overdue(db: Session, loop: Loop, today: dt.date) -> int:
    return sum(
        1
        for kind, model in (("ask", ManagerAsk), ("recommendation", Recommendation))
        for item in items_in_loop(db, model, kind, loop.id)
        if item.status != ItemStatus.DONE and item.due_on is not None and item.due_on < today
    )


def _unanswered(db: Session, manager: User, report: User) -> int:
    loops = select(Loop.id).where(Loop.owner_id == report.id)
    recs = _count(
        db,
        Recommendation,
        Recommendation.loop_id.in_(loops),
        Recommendation.replied_at.is_(None),
        Recommendation.recommended_by_id == manager.id,
    )
    comments = _count(
        db, Comment, Comment.loop_id.in_(loops), Comment.author_id == manager.id, *awaiting_reply(db, report)
    )
    return recs + comments

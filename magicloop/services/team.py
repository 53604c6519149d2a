"""The manager's team page: each direct report at a glance.

A constant number of statements however large the team: the reports the policy lets the
manager see, in one query, then every count for all of them at once, grouped per loop or person.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import Integer, and_, case, func, literal, or_, union, union_all
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    Comment,
    Idea,
    ItemStatus,
    Loop,
    ManagerAsk,
    QuarterlyReview,
    Recommendation,
    Stage,
    User,
    utcnow,
)
from magicloop.services import closure, needs
from magicloop.services.closure import Closure
from magicloop.services.policy import as_actor, reports_of
from magicloop.services.progress import Glance, Person, glance, people_at_a_glance
from magicloop.services.threads import unanswered


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
    review_due: bool  # the quarter ends within two weeks and I have not signed their review


@dataclasses.dataclass(frozen=True)
class TeamPage:
    reports: list[ReportRow]
    closure: list[Closure]  # per report, over the last year
    team_closure: Closure  # everyone's together


def direct_reports(db: Session, manager: User, today: dt.date) -> list[Person]:
    """The manager's current, active direct reports, by name."""
    return people_at_a_glance(db, reports_of(), as_actor(manager, utcnow(), today))


def team_page(db: Session, actor: User, today: dt.date) -> TeamPage:
    """Each report at a glance, and how they close the feedback they are given."""
    reports = direct_reports(db, actor, today)
    given = closure.feedback_given(db, [r.id for r in reports], closure.window(today)[0].first_day, today)
    mine = defaultdict(list)
    for feedback in given:
        mine[feedback.owner_id].append(feedback)
    return TeamPage(
        reports=team_overview(db, actor, today, reports=reports),
        closure=[closure.closure(mine[r.id], r.name) for r in reports],
        team_closure=closure.closure(given, "Your team"),
    )


def team_overview(
    db: Session, actor: User, today: dt.date, now: dt.datetime | None = None, reports: list[Person] | None = None
) -> list[ReportRow]:
    now = now or utcnow()
    reports = direct_reports(db, actor, today) if reports is None else reports
    waiting = needs.needs_of(db, reports, now, today)
    counts = _loop_counts(db, [r.loop_id for r in reports if r.loop_id], today)
    owed = _unanswered(db, actor, [r.id for r in reports])
    rows = []
    for report in reports:
        loop = counts.get(report.loop_id, {})
        rows.append(
            ReportRow(
                person=glance(actor, report),
                stage_open=loop.get(_STAGE_OPEN[Stage(report.stage)], 0) if report.loop_id else 0,
                overdue=loop.get("ask overdue", 0) + loop.get("recommendation overdue", 0),
                ideas_waiting=needs.count(waiting, report.id, needs.DECIDE),
                to_acknowledge=needs.count(waiting, report.id, needs.ACKNOWLEDGE),
                recommendations_owed=bool(needs.count(waiting, report.id, needs.RECOMMEND)),
                unanswered=owed.get(report.id, 0),
                stale=bool(needs.count(waiting, report.id, needs.CHECK_IN)),
                review_due=bool(needs.count(waiting, report.id, needs.REVIEW)),
            )
        )
    return rows


# What the stepper counts as open in each stage (loop_view.stage_progress), by the name counted below.
_STAGE_OPEN = {
    Stage.REFLECT: "action_step overdue",
    Stage.ASK: "idea pending",
    Stage.IMPLEMENT: "ask open",
    Stage.GROW: "nothing",
    Stage.RECOMMENDED: "recommendation open",
}


def _in_loops(model, kind: str, loop_ids: list[int]):
    """(loop, item) for the items that started in these loops and the open ones carried into them."""
    return union(
        select(model.loop_id.label("in_loop"), model.id.label("item_id")).where(model.loop_id.in_(loop_ids)),
        select(CarriedItem.loop_id, CarriedItem.item_id).where(
            CarriedItem.loop_id.in_(loop_ids), CarriedItem.item_kind == kind
        ),
    ).subquery()


def _counted(model, kind: str, loop_ids: list[int], **conditions):
    """Per loop, one (loop, name, number) row for each named condition on the loop's items."""
    member = _in_loops(model, kind, loop_ids)
    return [
        select(member.c.in_loop, literal(f"{kind} {name}"), func.sum(case((condition, 1), else_=0)).cast(Integer))
        .join(model, model.id == member.c.item_id)
        .group_by(member.c.in_loop)
        for name, condition in conditions.items()
    ]


def _loop_counts(db: Session, loop_ids: list[int], today: dt.date) -> dict[int, dict[str, int]]:
    """Open and overdue items per loop, in one statement for every loop on the page."""
    if not loop_ids:
        return {}
    late = {"ask": ManagerAsk, "recommendation": Recommendation}
    overdue = {kind: (model.status != ItemStatus.DONE) & (model.due_on < today) for kind, model in late.items()}
    parts = [
        *_counted(ManagerAsk, "ask", loop_ids, open=ManagerAsk.status != ItemStatus.DONE, overdue=overdue["ask"]),
        *_counted(
            Recommendation,
            "recommendation",
            loop_ids,
            open=or_(Recommendation.status != ItemStatus.DONE, Recommendation.replied_at.is_(None)),
            overdue=overdue["recommendation"],
        ),
        *_counted(
            ActionStep, "action_step", loop_ids, overdue=ActionStep.done_at.is_(None) & (ActionStep.due_on < today)
        ),
        select(Idea.loop_id, literal("idea pending"), func.count())
        .where(Idea.loop_id.in_(loop_ids), Idea.status == "pending")
        .group_by(Idea.loop_id),
    ]
    found: dict[int, dict[str, int]] = {}
    for loop_id, name, number in db.exec(union_all(*parts)):
        found.setdefault(loop_id, {})[name] = number
    return found


def _unanswered(db: Session, manager: User, report_ids: list[int]) -> dict[int, int]:
    """Per report, the manager's recommendations and comments still awaiting their reply.

    Any comment of the manager's counts: as their current manager they take part in the loop."""
    if not report_ids:
        return {}
    recs = (
        select(Loop.owner_id)
        .join(Recommendation, Recommendation.loop_id == Loop.id)
        .where(
            Loop.owner_id.in_(report_ids),
            Recommendation.recommended_by_id == manager.id,
            Recommendation.replied_at.is_(None),
        )
    )
    mine = (Comment.author_id == manager.id, *unanswered())
    comments = (
        select(Loop.owner_id).join(Comment, Comment.loop_id == Loop.id).where(Loop.owner_id.in_(report_ids), *mine)
    )
    on_reviews = (
        select(QuarterlyReview.owner_id)
        .join(Comment, and_(Comment.subject_kind == "review", Comment.subject_id == QuarterlyReview.id))
        .where(QuarterlyReview.owner_id.in_(report_ids), *mine)
    )
    waiting = union_all(recs, comments, on_reviews).subquery()
    return dict(db.exec(select(waiting.c.owner_id, func.count()).group_by(waiting.c.owner_id)).all())

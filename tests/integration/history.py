"""What the statement counts grow: a professional's history ten times over, and a team of fifty."""

from __future__ import annotations

import datetime as dt

from magicloop.db import transaction
from magicloop.models import (
    ActionStep,
    Comment,
    CompetencyRating,
    GrowthConversation,
    Idea,
    Loop,
    ManagerAsk,
    MentorGrant,
    QuarterlyReview,
    Recommendation,
    ReportingLine,
    SelfReflection,
    Stage,
    TimelineEvent,
    User,
    utcnow,
)
from magicloop.services.quarters import Quarter
from tests.integration.test_handlers_refuse import M, O, T, World, answered_pulse, today


def grow_history(world: World, times: int) -> None:
    """`times` more asks (due and delivered over the last two years), recommendations replied to, action steps,
    comments and timeline events on the professional's loop; and every tenth time a closed loop before it, with
    its readiness, ratings and quarterly review."""
    with transaction(world.engine) as db:
        owner, manager = world.users[O].id, world.users[M].id
        for n in range(times):
            days_ago = dt.timedelta(days=20 * n)
            due, done = today() - days_ago, utcnow() - days_ago
            ask = ManagerAsk(
                loop_id=world.loop_id,
                logged_by_id=manager,
                what=f"Ask {n}",
                asked_on=dt.date.today(),
                due_on=due,
                status="done",
                completed_at=done,
            )
            db.add(ask)
            db.flush()
            db.add(Comment(loop_id=world.loop_id, author_id=manager, subject_kind="ask", subject_id=ask.id, body="?"))
            db.add(TimelineEvent(owner_id=owner, actor_id=manager, loop_id=world.loop_id, kind="ask", summary="Ask"))
            db.add(Recommendation(loop_id=world.loop_id, recommended_by_id=manager, what=f"Rec {n}", replied_at=done))
            db.add(ActionStep(loop_id=world.loop_id, description=f"Step {n}", due_on=due))
            answered_pulse(db, owner, (manager, world.users[T].id, world.users["stranger"].id), f"Pulse {n}")
            if n % 10 == 0:
                earlier = Loop(owner_id=owner, number=100 + n, goal="Before", started_at=done, closed_at=utcnow())
                db.add(earlier)
                db.flush()
                db.add(SelfReflection(loop_id=earlier.id, readiness=5))
                db.add(
                    CompetencyRating(
                        loop_id=earlier.id, competency_id=world.competency, rater_id=owner, rater_kind="self", score=3
                    )
                )
                db.add(QuarterlyReview(owner_id=owner, quarter=Quarter.of(due).key))


def grow_people(world: World, first: int, last: int) -> None:
    """People `first`..`last`-1 join: each reports to the manager and grants the mentor access, with a loop
    (at every stage in turn) holding an overdue ask, a delivered one, an idea, a recommendation, a growth
    conversation, an overdue action step, comments awaiting replies and news for the mentor."""
    with transaction(world.engine) as db:
        manager, mentor = world.users[M], world.users[T]
        for n in range(first, last):
            person = User(
                organisation_id=manager.organisation_id,
                email=f"report{n}@acme.test",
                display_name=f"Report {n:03d}",
                password_hash="-",
            )
            db.add(person)
            db.flush()
            db.add(
                ReportingLine(
                    organisation_id=manager.organisation_id,
                    manager_id=manager.id,
                    report_id=person.id,
                    starts_on=today() - dt.timedelta(days=30),
                )
            )
            db.add(MentorGrant(owner_id=person.id, mentor_id=mentor.id))
            loop = Loop(owner_id=person.id, number=1, goal=f"Goal {n}", stage=Stage(n % 5 + 1))
            db.add(loop)
            db.flush()
            late = today() - dt.timedelta(days=3)
            ask = dict(loop_id=loop.id, logged_by_id=manager.id, asked_on=late)
            db.add_all(
                [
                    ManagerAsk(**ask, what="Overdue", due_on=late),
                    ManagerAsk(**ask, what="Delivered", status="done"),
                    Idea(loop_id=loop.id, author_id=person.id, proposal="An idea"),
                    Recommendation(loop_id=loop.id, recommended_by_id=manager.id, what="Recommended", due_on=late),
                    GrowthConversation(loop_id=loop.id, recorded_by_id=manager.id, held_on=late),
                    ActionStep(loop_id=loop.id, description="A step", due_on=late),
                    Comment(
                        loop_id=loop.id,
                        author_id=manager.id,
                        subject_kind="loop",
                        subject_id=loop.id,
                        body="?",
                        expects_reply=True,
                    ),
                    TimelineEvent(owner_id=person.id, actor_id=person.id, loop_id=loop.id, kind="ask", summary="News"),
                ]
            )

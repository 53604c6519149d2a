"""Two years of a professional's loops, put straight into the running app's database: what happened in earlier
quarters cannot be clicked into being today. Dates follow the real clock, so each quarter holds what its
name says whatever the day of the run."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from magicloop.db import transaction
from magicloop.models import (
    ActionStep,
    Competency,
    CompetencyFramework,
    CompetencyRating,
    Loop,
    ManagerAsk,
    Recommendation,
    SelfReflection,
    Stage,
    User,
    utcnow,
)
from magicloop.services.quarters import Quarter

DAY = dt.timedelta(days=1)
SCORES = {  # competency position: (self before, manager before, self now, manager now)
    0: (2, 3, 4, 4),
    1: (3, 3, 3, 4),
    2: (2, 2, 3, 3),
}


@dataclasses.dataclass(frozen=True)
class Seeded:
    last_quarter: Quarter
    on_time: str  # what was delivered on time last quarter
    late: str
    missed: str
    running: str  # delivered early this quarter


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _person(db: Session, email: str) -> User:
    return db.exec(select(User).where(User.email == email)).one()


def _loops(db: Session, owner: User, now: dt.datetime, stage: Stage) -> list[Loop]:
    """Three loops, the last under way at `stage`."""
    spans = ((400, 250), (250, 30), (30, None))
    loops = [
        Loop(
            owner_id=owner.id,
            number=n,
            goal=f"Loop goal {n}",
            stage=stage if ended is None else Stage.RECOMMENDED,
            started_at=now - began * DAY,
            closed_at=now - ended * DAY if ended else None,
        )
        for n, (began, ended) in enumerate(spans, start=1)
    ]
    db.add_all(loops)
    db.flush()
    return loops


def _ask(loop: Loop, what: str, due: dt.date, delivered: dt.date | None, logged_by: int) -> ManagerAsk:
    return ManagerAsk(
        loop_id=loop.id,
        logged_by_id=logged_by,
        what=what,
        asked_on=due - 20 * DAY,
        created_at=_noon(due - 20 * DAY),
        due_on=due,
        status="done" if delivered else "in_progress",
        percent=100 if delivered else 40,
        completed_at=_noon(delivered) if delivered else None,
        outcome="Delivered" if delivered else "",
    )


def seed_history(engine: Engine, email: str, manager_email: str) -> Seeded:
    now = utcnow()
    today, this = now.date(), Quarter.of(now.date())
    last, before = this.shifted(-1), this.shifted(-2)
    seeded = Seeded(last, "Run the NPS read-out", "Fix the survey sampling", "Shadow five support calls", "Early win")
    with transaction(engine) as db:
        pro, manager = _person(db, email), _person(db, manager_email)
        old, previous, current = _loops(db, pro, now, Stage.IMPLEMENT)
        due = last.first_day + 10 * DAY
        db.add_all(
            [
                _ask(
                    old, "Map the refund journey", before.first_day + 20 * DAY, before.first_day + 15 * DAY, manager.id
                ),
                _ask(previous, seeded.on_time, due, due - DAY, manager.id),
                _ask(previous, seeded.late, due + 30 * DAY, due + 33 * DAY, manager.id),
                ActionStep(loop_id=previous.id, description=seeded.missed, due_on=due + 40 * DAY),
                _ask(current, seeded.running, this.last_day, today, manager.id),
                Recommendation(
                    loop_id=previous.id,
                    recommended_by_id=manager.id,
                    what="Present at the CX guild",
                    created_at=now - 60 * DAY,
                    replied_at=now - 55 * DAY,
                    closing_reply="Presented it",
                ),
                *[
                    SelfReflection(loop_id=loop.id, readiness=score)
                    for loop, score in ((old, 4), (previous, 6), (current, 7))
                ],
            ]
        )
        competencies = db.exec(
            select(Competency.id)
            .join(CompetencyFramework)
            .where(CompetencyFramework.organisation_id == pro.organisation_id)
            .order_by(Competency.position)
        ).all()
        for position, scores in SCORES.items():
            for (loop, kind, rater), score in zip(
                (
                    (previous, "self", pro),
                    (previous, "manager", manager),
                    (current, "self", pro),
                    (current, "manager", manager),
                ),
                scores,
                strict=True,
            ):
                db.add(
                    CompetencyRating(
                        loop_id=loop.id,
                        competency_id=competencies[position],
                        rater_id=rater.id,
                        rater_kind=kind,
                        score=score,
                    )
                )
    return seeded


def seed_colleagues(engine: Engine, organisation_of: str, count: int) -> None:
    """`count` more people in the organisation of the person with that email, each with loops like the
    professional's and an ask of the last quarter delivered on time: enough to show the aggregates."""
    now = utcnow()
    last = Quarter.of(now.date()).shifted(-1)
    with transaction(engine) as db:
        organisation_id = _person(db, organisation_of).organisation_id
        for n in range(count):
            person = User(
                organisation_id=organisation_id,
                email=f"colleague{n}.{organisation_id}@seeded.test",
                display_name=f"Colleague {n}",
                password_hash="-",
            )
            db.add(person)
            db.flush()
            loops = _loops(db, person, now, Stage.IMPLEMENT)
            due = last.first_day + 10 * DAY
            db.add(_ask(loops[1], "Their ask", due, due - DAY, person.id))

"""A demo organisation to explore the app with (MAGICLOOP_DEMO=1).

No default accounts exist otherwise: every demo password is generated and
shown once, when the demo is first seeded.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlmodel import Session, select

from magicloop.models import (
    GrowthConversation,
    ItemStatus,
    Loop,
    ManagerAsk,
    MentorGrant,
    Organisation,
    Recommendation,
    ReportingLine,
    SelfReflection,
    Stage,
    User,
    utcnow,
)
from magicloop.services import timeline
from magicloop.services.competencies import seed_default_framework
from magicloop.services.security import get_password_hash

DEMO_DOMAIN = "demo.magicloop.test"
PEOPLE = (
    ("admin", "Alex Admin", True),
    ("manager", "Morgan Manager", False),
    ("pro", "Priya Professional", False),
    ("mentor", "Mel Mentor", False),
)


def seed_demo(db: Session, now: dt.datetime | None = None) -> str:
    """Seed once; returns what to print for the person starting the app."""
    if db.exec(select(User.id).where(User.email == f"pro@{DEMO_DOMAIN}")).first() is not None:
        return "Demo organisation already exists; its passwords were printed when it was first seeded."
    now = now or utcnow()
    organisation = Organisation(name="Demo CX Team")
    db.add(organisation)
    db.flush()
    seed_default_framework(db, organisation)
    users, lines = {}, ["Demo organisation seeded. Sign in at http://localhost:3000 with (shown only now):"]
    for key, name, admin in PEOPLE:
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
        users[key] = User(
            organisation_id=organisation.id,
            email=f"{key}@{DEMO_DOMAIN}",
            display_name=name,
            password_hash=get_password_hash(password),
            is_admin=admin,
        )
        db.add(users[key])
        lines.append(f"  {name:<20} {users[key].email:<30} {password}")
    db.flush()
    pro, manager = users["pro"], users["manager"]
    db.add(
        ReportingLine(
            organisation_id=organisation.id,
            manager_id=manager.id,
            report_id=pro.id,
            starts_on=(now - dt.timedelta(days=200)).date(),
        )
    )
    db.add(MentorGrant(owner_id=pro.id, mentor_id=users["mentor"].id))
    _seed_history(db, pro, manager, now)
    return "\n".join(lines)


def _seed_history(db: Session, pro: User, manager: User, now: dt.datetime) -> None:
    first = Loop(
        owner_id=pro.id,
        number=1,
        goal="Own the quarterly NPS read-out",
        stage=Stage.RECOMMENDED,
        started_at=now - dt.timedelta(days=150),
        closed_at=now - dt.timedelta(days=40),
        retrospective_moved="Delivered the NPS deck; the exec team now asks for it.",
        retrospective_stalled="Journey mapping never got time.",
    )
    second = Loop(
        owner_id=pro.id,
        number=2,
        goal="Lead our VoC programme by Q3",
        target_role="VoC lead",
        stage=Stage.IMPLEMENT,
        started_at=now - dt.timedelta(days=40),
        previous_loop_id=None,
    )
    db.add_all([first, second])
    db.flush()
    second.previous_loop_id = first.id
    today = now.date()
    db.add_all(
        [
            SelfReflection(
                loop_id=first.id,
                strengths="Survey design, clear writing",
                weaknesses="Business cases",
                interests="Voice of the customer",
                readiness=6,
                readiness_why="I have run two surveys end to end.",
            ),
            ManagerAsk(
                loop_id=first.id,
                logged_by_id=pro.id,
                what="Take over the monthly NPS report",
                why="It eats a day of my month",
                asked_on=today - dt.timedelta(days=140),
                due_on=today - dt.timedelta(days=110),
                status=ItemStatus.DONE,
                percent=100,
                outcome="Shipped three reports; cut prep to two hours.",
                completed_at=now - dt.timedelta(days=112),
            ),
            GrowthConversation(
                loop_id=first.id,
                recorded_by_id=pro.id,
                held_on=today - dt.timedelta(days=60),
                goal_restated="Lead VoC",
                gaps="Business cases; exec presence",
                feedback="Your reports are trusted; now make the case for action.",
            ),
            Recommendation(
                loop_id=first.id,
                recommended_by_id=manager.id,
                what="Write a business case for a churn fix",
                due_on=today - dt.timedelta(days=45),
                status=ItemStatus.DONE,
                percent=100,
                closing_reply="Done: the case was approved for Q2.",
                replied_at=now - dt.timedelta(days=44),
            ),
            SelfReflection(
                loop_id=second.id,
                strengths="NPS reporting",
                weaknesses="Facilitation",
                interests="Running a VoC council",
                readiness=7,
            ),
            ManagerAsk(
                loop_id=second.id,
                logged_by_id=manager.id,
                what="Run the Q3 customer advisory board",
                why="I can't be in two places in September",
                asked_on=today - dt.timedelta(days=30),
                due_on=today + dt.timedelta(days=5),
                priority="high",
                status=ItemStatus.IN_PROGRESS,
                percent=40,
            ),
            ManagerAsk(
                loop_id=second.id,
                logged_by_id=pro.id,
                what="Clean up the CSAT survey taxonomy",
                asked_on=today - dt.timedelta(days=30),
                due_on=today - dt.timedelta(days=2),
            ),
        ]
    )
    for loop, summary, days in (
        (first, "Started loop 1", 150),
        (first, "Closed loop 1", 40),
        (second, "Started loop 2", 40),
    ):
        event = timeline.record(db, owner_id=pro.id, actor=pro, kind="loop", summary=summary, loop_id=loop.id)
        event.created_at = now - dt.timedelta(days=days)

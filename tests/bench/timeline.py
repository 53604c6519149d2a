"""How fast a long history stays: a mentee with many events, paged on the timeline.

Run: .venv/bin/python -m tests.bench.timeline [EVENTS]  (SQLite file in a temp dir;
set BENCH_DATABASE_URL to measure on PostgreSQL instead). Prints its figures.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from magicloop.db import make_engine
from magicloop.models import Loop, MentorGrant, Organisation, TimelineEvent, User, metadata, utcnow
from magicloop.services import dashboard, progress
from magicloop.services.competencies import seed_default_framework

KINDS = ["ask", "progress", "delivery", "recommendation", "reply", "comment", "rating", "coe", "stage"]


def seed(session: Session, events: int) -> tuple[User, User]:
    organisation = Organisation(name="Bench CX")
    session.add(organisation)
    session.flush()
    seed_default_framework(session, organisation)  # the version its loops start on
    owner = User(organisation_id=organisation.id, email="pro@bench.test", display_name="Pro", password_hash="x")
    mentor = User(organisation_id=organisation.id, email="mentor@bench.test", display_name="Mentor", password_hash="x")
    session.add_all([owner, mentor])
    session.flush()
    session.add(MentorGrant(owner_id=owner.id, mentor_id=mentor.id))
    loops = [Loop(owner_id=owner.id, number=n, goal=f"Goal {n}") for n in range(1, 21)]
    session.add_all(loops)
    session.flush()
    start = utcnow() - dt.timedelta(days=3 * 365)
    step = dt.timedelta(days=3 * 365) / events
    session.add_all(
        TimelineEvent(
            owner_id=owner.id,
            actor_id=owner.id,
            loop_id=loops[i * 20 // events].id,
            kind=KINDS[i % len(KINDS)],
            summary=f"Event {i}",
            created_at=start + i * step,
        )
        for i in range(events)
    )
    session.commit()
    return owner, mentor


def timed(fn, repeat: int = 20) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}")
        metadata.drop_all(engine)
        metadata.create_all(engine)
        with Session(engine, expire_on_commit=False) as session:
            owner, mentor = seed(session, events)
            today = dt.date.today()
            cases = {
                "timeline, newest page": lambda: progress.timeline(session, mentor, owner.id, {}, 0, today),
                "timeline, page 100": lambda: progress.timeline(session, mentor, owner.id, {}, 100, today),
                "timeline, deliveries only": lambda: progress.timeline(
                    session, mentor, owner.id, {"kinds": ["deliveries"]}, 0, today
                ),
                "dashboard home": lambda: dashboard.home(session, owner, today),
            }
            print(f"{events} timeline events on {engine.url.get_backend_name()}")
            for name, fn in cases.items():
                median, worst = timed(fn)
                print(f"  {name:<28} median {median:7.2f} ms   max {worst:7.2f} ms")
        metadata.drop_all(engine)
        engine.dispose()


if __name__ == "__main__":
    main()

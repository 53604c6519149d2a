"""A realistic organisation for the load benchmark, reproducible from a seed number.

One admin, 10 managers, 200 professionals (each reporting to a manager), years of loops at
every stage, and one professional with a very long history. Everything is written through
the app's services, with the clock moved to the day each thing happened (time-machine), so
timestamps, timeline events, notifications and comment threads are the ones the app makes.

Shortcuts, where the services would be far too slow for a benchmark's set-up:
- every invited person's password is hashed once and shared (argon2 is slow by design,
  211 hashes would take longer than the rest of the seed);
- each person's history is written in one transaction instead of one per action.

Run alone: .venv/bin/python -m tests.bench.seed DATABASE_URL [--seed N] [--years Y]
(the database must be migrated first: python -m magicloop.prepare).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import random
from unittest import mock

import time_machine
from sqlmodel import Session, select

from magicloop.db import make_engine
from magicloop.models import Loop, Recommendation, SelfReflection, User
from magicloop.services import (
    accounts,
    comments,
    delivery,
    growth,
    loops,
    mentoring,
    organisation,
    reflection,
    repeat,
    tracking,
)
from magicloop.services.security import get_password_hash
from tests.support import opened

PASSWORD = "quiet-harbour-lantern-7351"
DOMAIN = "bench.magicloop.test"
MANAGERS = 10
PROFESSIONALS = 200
NOON = dt.time(12, 0, tzinfo=dt.UTC)
ASKS = ["Run the monthly NPS read-out", "Clean up the CSAT survey taxonomy", "Map the onboarding journey",
        "Write the churn business case", "Interview five detractors", "Chair the VoC council",
        "Draft the CES dashboard", "Brief support leads on the new journey map"]  # fmt: skip
STRENGTHS = ["Survey design", "Clear writing", "Journey mapping", "Customer interviews", "Data storytelling"]


@dataclasses.dataclass(frozen=True)
class Organisation:
    """Who was seeded: ids only, for the load generator to pick people by role."""

    admin_id: int
    manager_ids: list[int]
    professional_ids: list[int]
    reports: dict[int, list[int]]  # manager id -> their professionals
    heavy_id: int  # the professional with the longest timeline


class _Clock:
    """The day things happen: services read the time from the clock, forms get `today`."""

    def __init__(self, traveller) -> None:
        self.traveller = traveller

    def at(self, day: dt.date) -> dt.date:
        self.traveller.move_to(dt.datetime.combine(day, NOON))
        return day


def seed(url: str, number: int = 7, years: float = 3.0, long_history: bool = True) -> Organisation:
    """`long_history`: the first professional has three years of loops a month long (most of the time it takes)."""
    engine = make_engine(url)
    rng = random.Random(number)
    today = dt.date.today()
    founded = today - dt.timedelta(days=3 * 365 + 30)  # the long history always spans three years
    hashed = get_password_hash(PASSWORD)
    with (
        time_machine.travel(dt.datetime.combine(founded, NOON), tick=False) as traveller,
        mock.patch.object(organisation, "get_password_hash", functools.cache(lambda _password: hashed)),
    ):
        clock = _Clock(traveller)
        with Session(engine, expire_on_commit=False) as db:
            admin, people = _people(db, clock.at(founded))
            db.commit()
        managers, professionals = people[:MANAGERS], people[MANAGERS:]
        reports = {manager.id: [] for manager in managers}
        for index, pro in enumerate(professionals):
            manager = managers[index % MANAGERS]
            reports[manager.id].append(pro.id)
            heavy = index == 0 and long_history
            days = 3 * 365 + 29 if heavy else rng.randrange(120, max(int(365 * years), 121))
            hired = today - dt.timedelta(days=days)
            with Session(engine, expire_on_commit=False) as db:
                _history(db, clock, random.Random(number * 1000 + index), admin, manager, pro, hired, today, heavy)
                if index % 7 == 3:  # some grant a manager from another team mentor access
                    mentor = managers[(index + 3) % MANAGERS]
                    mentoring.grant_access(db, pro, {"mentor_email": mentor.email}, clock.at(today))
                db.commit()
    engine.dispose()
    return Organisation(
        admin_id=admin.id,
        manager_ids=[m.id for m in managers],
        professional_ids=[p.id for p in professionals],
        reports=reports,
        heavy_id=professionals[0].id,
    )


def _people(db: Session, today: dt.date) -> tuple[User, list[User]]:
    """Sign-up of the admin, then an invite accepted by everyone else."""
    accounts.sign_up(
        db,
        {
            "organisation": "Bench CX",
            "display_name": "Ada Admin",
            "email": f"admin@{DOMAIN}",
            "password": PASSWORD,
            "time_zone": "Europe/London",
        },
    )
    admin = db.exec(select(User).where(User.email == f"admin@{DOMAIN}")).one()
    people = []
    for n in range(MANAGERS + PROFESSIONALS):
        role, number = ("manager", n + 1) if n < MANAGERS else ("pro", n - MANAGERS + 1)
        email = f"{role}{number}@{DOMAIN}"
        link = organisation.invite(db, admin, {"email": email}).link
        code = link.rsplit("code=", 1)[1]
        organisation.accept_invite(
            db, code, {"display_name": f"{role.title()} {number}", "password": PASSWORD, "time_zone": "Europe/London"}
        )
        people.append(db.exec(select(User).where(User.email == email)).one())
    return admin, people


def _history(db, clock, rng, admin, manager, pro, hired: dt.date, today: dt.date, heavy: bool) -> None:
    """Loops of about a quarter each from the hiring day; the last one is under way, at any stage."""
    organisation.set_reporting_line(
        db, admin, {"manager_id": manager.id, "report_id": pro.id, "starts_on": hired.isoformat()}, clock.at(hired)
    )
    day = hired + dt.timedelta(days=rng.randrange(3, 20))
    goal = {"goal": f"Lead our {rng.choice(['VoC', 'NPS', 'journey'])} programme"}
    loop_id = loops.start_loop(db, pro, goal, clock.at(day))
    while True:
        length = rng.randrange(20, 35) if heavy else rng.randrange(70, 130)
        current = day + dt.timedelta(days=length) >= today
        end = today if current else day + dt.timedelta(days=length)
        # The current loop stops somewhere along the way; a finished one went all round.
        _loop(db, clock, rng, manager, pro, loop_id, day, end, rng.randrange(1, 6) if current else 5, heavy)
        if current:
            return
        day = end
        retrospective = {
            "retrospective_moved": "Delivered what was asked",
            "restart_at": rng.choice(["4", "1"]),
            **opened(db, Loop, loop_id),
        }
        loop_id = repeat.repeat_loop(db, pro, loop_id, retrospective, clock.at(day))


def _loop(db, clock, rng, manager, pro, loop_id: int, start: dt.date, end: dt.date, last_stage: int, heavy: bool):
    span = max((end - start).days - 1, 5)

    def on(fraction: float) -> dt.date:
        return clock.at(start + dt.timedelta(days=int(span * fraction)))

    reflection.save_self_reflection(
        db,
        pro,
        loop_id,
        {
            **opened(db, SelfReflection, loop_id=loop_id),
            "strengths": rng.choice(STRENGTHS),
            "weaknesses": "Business cases",
            "readiness": str(rng.randrange(3, 10)),
        },
    )
    step_day = on(0.05)
    reflection.add_action_step(
        db, pro, loop_id, {"step_description": "Shadow a churn interview", "step_due": _due(step_day)}, step_day
    )
    if last_stage < 2:
        return
    loops.move_to_stage(db, pro, loop_id, 2)
    ask_ids = []
    for n in range(rng.randrange(8, 12) if heavy else rng.randrange(1, 4)):
        day = on(0.1 + 0.02 * n)
        data = {"what": rng.choice(ASKS), "why": "It frees my week", "due_on": _due(day, 30), "priority": "medium"}
        ask_ids.append(tracking.log_item(db, manager if n % 2 else pro, "ask", loop_id, data, day))
    if last_stage < 3:
        return
    loops.move_to_stage(db, pro, loop_id, 3)
    for n, ask_id in enumerate(ask_ids):
        _work_on(db, on, rng, manager, pro, "ask", ask_id, 0.3 + 0.03 * n, 6 if heavy else rng.randrange(1, 4))
    if last_stage < 4:
        return
    loops.move_to_stage(db, pro, loop_id, 4)
    day = on(0.6)
    growth.record_conversation(
        db, manager, loop_id, {"goal_restated": "Lead VoC", "gaps": "Exec presence", "held_on": day.isoformat()}, day
    )
    if last_stage < 5:
        return
    loops.move_to_stage(db, pro, loop_id, 5)
    for n in range(rng.randrange(1, 3)):
        day = on(0.65 + 0.02 * n)
        data = {"what": "Present the VoC findings to the exec team", "due_on": _due(day, 20)}
        rec_id = tracking.log_item(db, manager, "recommendation", loop_id, data, day)
        _work_on(db, on, rng, manager, pro, "recommendation", rec_id, 0.75 + 0.05 * n, rng.randrange(1, 3))
        on(0.95)
        growth.reply_to_recommendation(
            db, pro, rec_id, {**opened(db, Recommendation, rec_id), "closing_reply": "Done, and the deck is shared."}
        )


def _work_on(db, on, rng, manager, pro, kind: str, item_id: int, start: float, updates: int) -> None:
    """Progress updates towards delivery (most items get there), with a manager's question and the reply."""
    delivered = rng.random() < 0.8
    for n in range(updates):
        on(start + 0.02 * n)
        done = delivered and n == updates - 1
        data = {
            "status": "done" if done else rng.choice(["in_progress", "in_progress", "blocked"]),
            "percent": str(min(95, 25 * (n + 1))),
            "note": "Met the support leads; draft shared.",
            "outcome": "Shipped; the team uses it weekly." if done else "",
            **opened(db, tracking.KINDS[kind].model, item_id),
        }
        delivery.record_progress(db, pro, kind, item_id, data)
    if rng.random() < 0.5:
        on(start + 0.02 * updates)
        question = comments.add_comment(db, manager, kind, item_id, {"comment_body": "What did customers say?"})
        comments.add_comment(db, pro, kind, item_id, {"comment_body": "Mostly relief; notes attached."}, question)


def _due(day: dt.date, days: int = 14) -> str:
    return (day + dt.timedelta(days=days)).isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--years", type=float, default=3.0)
    args = parser.parse_args()
    seeded = seed(args.database_url, args.seed, args.years)
    print(f"Seeded {len(seeded.manager_ids)} managers and {len(seeded.professional_ids)} professionals.")


if __name__ == "__main__":
    main()

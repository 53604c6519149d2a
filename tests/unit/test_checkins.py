"""Missed check-ins: once a loop goes stale, the professional and their manager each hear of the missed
check-in once — not on every run of the job, not once per app worker, and again only for the next one missed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlmodel import Session, select

from magicloop.models import Loop, Notification, TimelineEvent
from magicloop.nudges import tell_missed_checkins
from magicloop.services import checkins
from tests.conftest import Factory
from tests.support import at_once

STARTED = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)  # a Monday; London is on GMT until 29 March
DAY = dt.timedelta(days=1)


def world(engine, zone: str = "Europe/London", rule: str = "FREQ=WEEKLY"):
    """A professional with a weekly rhythm and an open loop started on STARTED, their manager and a stranger."""
    with Session(engine, expire_on_commit=False) as db:
        make = Factory(db)
        org = make.organisation()
        ada, max_, sam = make.user(org, "Ada Owner"), make.user(org, "Max Manager"), make.user(org, "Sam Stranger")
        ada.time_zone, ada.checkin_rrule = zone, rule
        make.reporting_line(max_, ada, starts_on=dt.date(2026, 1, 1))
        loop = make.loop(ada)
        loop.started_at = STARTED
        db.add_all([ada, loop])
        db.commit()
        return ada, max_, sam, loop


def progress(owner, loop, at: dt.datetime) -> TimelineEvent:
    return TimelineEvent(owner_id=owner.id, loop_id=loop.id, kind="progress", summary="Progress", created_at=at)


def told(engine) -> list[tuple[int, str]]:
    with Session(engine) as db:
        rows = db.exec(
            select(Notification.recipient_id, Notification.message).where(Notification.kind == "check_in")
        ).all()
        return sorted(rows)


def test_a_missed_check_in_is_told_to_both_sides_once_however_often_the_job_runs(engine):
    ada, max_, sam, loop = world(engine)
    now = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)  # Monday 9 March, the first check-in, is over
    assert tell_missed_checkins(engine, now) == 1
    assert tell_missed_checkins(engine, now) == 0
    assert tell_missed_checkins(engine, now + DAY) == 0  # not daily
    assert told(engine) == [
        (
            ada.id,
            "Your check-in due Mon 9 Mar went by with nothing on your loop: note where you are, or talk to your manager.",
        ),
        (max_.id, "Check in with Ada: nothing since the check-in due Mon 9 Mar."),
    ]
    with Session(engine) as db:
        links = set(db.exec(select(Notification.link)))
        assert links == {f"/loop?id={loop.id}"}
        assert db.get(Loop, loop.id).checkin_nudged_on == dt.date(2026, 3, 9)


def test_the_next_missed_check_in_is_told_again_and_activity_in_between_stops_it(engine):
    ada, max_, _, loop = world(engine)
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)) == 1
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 17, 9, tzinfo=dt.UTC)) == 1  # 16 March missed too
    with Session(engine) as db:
        db.add(progress(ada, loop, dt.datetime(2026, 3, 23, 17, tzinfo=dt.UTC)))  # on the day of a check-in
        db.commit()
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 24, 9, tzinfo=dt.UTC)) == 0
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC)) == 1  # 30 March: nothing since it
    assert [m for _, m in told(engine) if m.startswith("Check in")] == [
        "Check in with Ada: nothing since the check-in due Mon 16 Mar.",
        "Check in with Ada: nothing since the check-in due Mon 30 Mar.",
        "Check in with Ada: nothing since the check-in due Mon 9 Mar.",
    ]


def test_the_job_follows_the_professionals_clock_across_daylight_saving_time(engine):
    ada, *_ = world(engine, zone="Europe/London")
    # London's clocks went forward on 29 March: Monday 30 March ends there at 23:00 UTC.
    with Session(engine) as db:
        loop = db.exec(select(Loop)).one()
        loop.checkin_nudged_on = dt.date(2026, 3, 23)
        db.add(progress(ada, loop, dt.datetime(2026, 3, 24, 9, tzinfo=dt.UTC)))
        db.add(loop)
        db.commit()
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 30, 22, 59, tzinfo=dt.UTC)) == 0
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 30, 23, 0, tzinfo=dt.UTC)) == 1


def test_closed_loops_and_disabled_people_are_not_nudged(engine):
    ada, *_ = world(engine)
    with Session(engine) as db:
        loop = db.exec(select(Loop)).one()
        loop.closed_at = dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
        db.add(loop)
        db.commit()
    assert tell_missed_checkins(engine, dt.datetime(2026, 3, 20, tzinfo=dt.UTC)) == 0


def test_two_workers_running_the_job_at_the_same_moment_tell_each_side_once(shared_engine, monkeypatch):
    ada, max_, _, _ = world(shared_engine)
    now = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)
    both_looked = threading.Barrier(2)
    untold = checkins.untold

    def look_then_wait(db, at):
        found = untold(db, at)
        both_looked.wait(timeout=10)  # both workers have found the loop stale before either tells
        return found

    monkeypatch.setattr(checkins, "untold", look_then_wait)
    results = at_once(lambda: tell_missed_checkins(shared_engine, now), 2)
    assert sorted(results) == [0, 1]
    assert [recipient for recipient, _ in told(shared_engine)] == sorted([ada.id, max_.id])


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_across_the_date_line_the_check_in_ends_at_midnight_there(engine, zone):
    world(engine, zone=zone)
    # STARTED (09:00 UTC on Monday 2 March) is 23:00 Monday in Kiritimati (UTC+14), 22:00 Sunday 1 March
    # in Pago Pago (UTC-11): their weekly check-ins fall on Mondays and Sundays.
    ends = {
        "Pacific/Kiritimati": dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC),
        "Pacific/Pago_Pago": dt.datetime(2026, 3, 9, 11, tzinfo=dt.UTC),
    }
    assert tell_missed_checkins(engine, ends[zone] - dt.timedelta(minutes=1)) == 0
    assert tell_missed_checkins(engine, ends[zone]) == 1
    day = {"Pacific/Kiritimati": "Mon 9 Mar", "Pacific/Pago_Pago": "Sun 8 Mar"}[zone]
    assert f"Check in with Ada: nothing since the check-in due {day}." in [m for _, m in told(engine)]

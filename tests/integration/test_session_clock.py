"""Sessions against the real clock, through the same runner the app's handlers use."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import time_machine
from sqlmodel import select

from magicloop import db as database
from magicloop.models import User
from magicloop.services import accounts
from magicloop.state.runner import TODAY, run_for_token, run_public
from tests.conftest import PASSWORD

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def app_engine(engine, monkeypatch):
    monkeypatch.setattr(database, "get_engine", lambda: engine)
    return engine


@pytest.fixture
def token(app_engine, make, db):
    user = make.user(make.organisation(), "Ada Owner", email="ada@acme.test")
    with time_machine.travel(START, tick=False):
        outcome = asyncio.run(run_public(accounts.sign_in, {"email": user.email, "password": PASSWORD}))
    assert outcome.ok, outcome
    return outcome.value


def whoami(token: str):
    return asyncio.run(run_for_token(token, lambda db, user: user.display_name))


@pytest.mark.parametrize(
    ("later", "still_signed_in"),
    [
        (dt.timedelta(minutes=119), True),
        (dt.timedelta(minutes=121), False),  # idle for over two hours
    ],
)
def test_an_idle_session_ends_after_two_hours(token, later, still_signed_in):
    with time_machine.travel(START + later, tick=False):
        outcome = whoami(token)
    assert outcome.ok is still_signed_in
    if not still_signed_in:
        assert outcome.signed_out and "expired" in outcome.message


def test_an_active_session_still_ends_after_twelve_hours(token):
    for hours in range(1, 12):
        with time_machine.travel(START + dt.timedelta(hours=hours), tick=False):
            assert whoami(token).ok
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=1), tick=False):
        outcome = whoami(token)
    assert outcome.signed_out and "expired" in outcome.message


@pytest.mark.parametrize(
    ("zone", "day"), [("Pacific/Kiritimati", dt.date(2026, 11, 24)), ("Pacific/Pago_Pago", dt.date(2026, 11, 22))]
)
def test_a_service_is_told_today_where_the_person_is(token, db, zone, day):
    """At 10:30 UTC on 23 November it is already the 24th on Kiritimati and still the 22nd on Pago Pago: a handler
    passes TODAY, and the service gets the day of the person the session belongs to, read in the same transaction."""
    user = db.exec(select(User).where(User.email == "ada@acme.test")).one()
    user.time_zone = zone
    db.add(user)
    db.commit()
    with time_machine.travel(START + dt.timedelta(minutes=90), tick=False):
        outcome = asyncio.run(run_for_token(token, lambda db, user, today: today, TODAY))
    assert outcome.value == day

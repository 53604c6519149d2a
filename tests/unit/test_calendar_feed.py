"""The calendar feed, parsed back: the person's own due dates and check-ins (one recurring event with its
RRULE) on their own calendar, UIDs that survive a new link, and links that stop working when turned off
or replaced. (Over HTTP, with its headers and 404s: tests/e2e/test_rhythm_in_browser.py.)"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from icalendar import Calendar

from magicloop.models import User
from magicloop.services import accounts, calendar_feed, delivery, loops, notes, reflection, tracking
from magicloop.services.errors import InvalidInput

# Monday 23 November 2026, 09:00 in Auckland (UTC+13); still Sunday 22 November in UTC.
NOW = dt.datetime(2026, 11, 22, 20, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def owner(db, people):
    with time_machine.travel(NOW, tick=False):
        owner = people.owner
        owner.time_zone, owner.checkin_rrule = "Pacific/Auckland", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
        db.add(owner)
        loop_id = loops.start_loop(db, owner, {"goal": "Lead our VoC programme"}, TODAY)
        manager = people.manager

        def ask(what, due):
            return tracking.log_item(db, manager, "ask", loop_id, {"what": what, "due_on": due}, TODAY)

        ask("Draft the CSAT deck", "2026-12-04")
        ask("Take Monday triage", "")  # no due date: not in a calendar
        done = ask("Fix the NPS dashboard", "2026-11-24")
        delivery.record_progress(db, owner, "ask", done, {"status": "done", "percent": "100", "outcome": "Fixed"})
        tracking.log_item(
            db, manager, "recommendation", loop_id, {"what": "Present at the CX forum", "due_on": "2026-12-02"}, TODAY
        )
        reflection.add_action_step(
            db, owner, loop_id, {"step_description": "Map the returns journey", "step_due": "tomorrow"}, TODAY
        )
        notes.add_note(db, owner, loop_id, {"note_body": "Private: thinking of leaving"})
        loops.start_loop(db, manager, {"goal": "Become a CX director"}, TODAY)
        tracking.log_item(
            db, manager, "ask", loops.current_loop_id(db, manager), {"what": "Not Ada's", "due_on": "tomorrow"}, TODAY
        )
        db.flush()
        return owner


def parsed(text: str) -> Calendar:
    return Calendar.from_ical(text)


def events(calendar: Calendar) -> dict[str, tuple]:
    return {
        str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend"), str(e["uid"]), e.get("rrule"))
        for e in calendar.walk("VEVENT")
    }


def test_the_feed_holds_the_persons_open_due_dates_and_check_ins_on_their_calendar(db, owner):
    calendar = parsed(calendar_feed.calendar_file(db, owner, NOW))
    assert str(calendar["x-wr-timezone"]) == "Pacific/Auckland"
    assert str(calendar["x-wr-calname"]) == "Magic Loop: Ada Owner"
    found = events(calendar)
    assert set(found) == {
        "Due: Draft the CSAT deck (ask)",
        "Due: Present at the CX forum (recommendation)",
        "Due: Map the returns journey (action step)",  # "tomorrow" where Ada is: Tuesday 24 November
        "Check-in with your manager (Magic Loop)",
    }
    day = dt.timedelta(days=1)
    assert found["Due: Draft the CSAT deck (ask)"][:2] == (dt.date(2026, 12, 4), dt.date(2026, 12, 4) + day)
    assert found["Due: Map the returns journey (action step)"][0] == dt.date(2026, 11, 24)
    # The loop started on Monday 23 November in Auckland (Sunday in UTC): every other Tuesday from the 24th.
    checkin = found["Check-in with your manager (Magic Loop)"]
    assert checkin[0] == dt.date(2026, 11, 24)
    assert checkin[3].to_ical() == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    text = calendar_feed.calendar_file(db, owner, NOW)
    assert "Private" not in text and "Not Ada's" not in text and "Fix the NPS dashboard" not in text


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1].removesuffix(".ics")


def uids(db, token: str) -> set[str]:
    return {uid for _, _, uid, _ in events(parsed(calendar_feed.feed_for_token(db, token))).values()}


def test_each_event_has_a_uid_that_survives_a_new_link(db, owner):
    first = token_of(calendar_feed.make_link(db, owner))
    before = uids(db, first)
    second = token_of(calendar_feed.make_link(db, owner))
    assert uids(db, second) == before and len(before) == 4
    assert all(uid.endswith("@localhost") and first not in uid and second not in uid for uid in before)


def test_a_link_opens_the_feed_until_it_is_turned_off_or_replaced(db, owner, people):
    url = calendar_feed.make_link(db, owner)
    assert url.startswith("http://localhost:3000/calendar/") and url.endswith(".ics")
    token = token_of(url)
    assert "BEGIN:VCALENDAR" in calendar_feed.feed_for_token(db, token)
    assert owner.calendar_token_hash == hashlib.sha256(token.encode()).hexdigest()  # only its SHA-256 is kept
    assert calendar_feed.link_of(owner).since != ""

    newer = token_of(calendar_feed.make_link(db, owner))
    assert calendar_feed.feed_for_token(db, token) is None
    assert calendar_feed.feed_for_token(db, newer) is not None
    calendar_feed.turn_off_link(db, owner)
    assert calendar_feed.feed_for_token(db, newer) is None
    assert calendar_feed.link_of(owner).since == ""
    for nothing in ["", "x" * 500, None, 42, token + "a"]:
        assert calendar_feed.feed_for_token(db, nothing) is None


def test_a_disabled_persons_link_opens_nothing(db, owner):
    token = token_of(calendar_feed.make_link(db, owner))
    owner.disabled_at = NOW
    db.add(owner)
    db.flush()
    assert calendar_feed.feed_for_token(db, token) is None


def test_a_person_without_a_loop_gets_an_empty_calendar(db, people):
    calendar = parsed(calendar_feed.calendar_file(db, people.stranger, NOW))
    assert list(calendar.walk("VEVENT")) == []


# --- the rhythm in the profile ------------------------------------------------------------------------------------


def profile(user: User, **fields) -> dict:
    return {"display_name": user.display_name, "time_zone": user.time_zone, **fields}


def test_a_custom_rule_is_saved_and_read_back(db, people):
    owner = accounts.update_profile(
        db, people.owner, profile(people.owner, cadence="custom", checkin_rule="freq=monthly;byday=1mo")
    )
    assert owner.checkin_rrule == "FREQ=MONTHLY;BYDAY=1MO"
    me = accounts.describe(db, owner)
    assert (me.cadence, me.checkin_rule) == ("custom", "FREQ=MONTHLY;BYDAY=1MO")
    accounts.update_profile(db, owner, profile(owner, cadence="weekly", checkin_rule="FREQ=DAILY"))
    assert owner.checkin_rrule == "FREQ=WEEKLY"
    assert accounts.describe(db, owner).checkin_rule == ""


@pytest.mark.parametrize("rule", ["", "FREQ=HOURLY", "every monday", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"])
def test_a_bad_rule_gets_a_message_beside_its_field_and_changes_nothing(db, people, rule):
    people.owner.checkin_rrule = "FREQ=WEEKLY"
    with pytest.raises(InvalidInput) as refused:
        accounts.update_profile(
            db, people.owner, profile(people.owner, display_name="Someone Else", cadence="custom", checkin_rule=rule)
        )
    assert set(refused.value.field_errors) == {"checkin_rule"}
    assert (people.owner.checkin_rrule, people.owner.display_name) == ("FREQ=WEEKLY", "Ada Owner")

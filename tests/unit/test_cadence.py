"""Check-in rhythm and staleness: a loop with nothing since its last due check-in is stale."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import rrulestr

from magicloop.services.cadence import CADENCES, DEFAULT_CADENCE, cadence_name, is_stale, last_due_checkin

START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)  # a Monday morning
DAY, SECOND = dt.timedelta(days=1), dt.timedelta(seconds=1)


def test_the_rhythms_on_offer_are_weekly_fortnightly_and_monthly():
    assert CADENCES == {"weekly": "FREQ=WEEKLY", "fortnightly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY"}
    assert DEFAULT_CADENCE == "fortnightly"
    for rule in CADENCES.values():
        rrulestr(rule, dtstart=START)  # each is a valid iCalendar rule


@pytest.mark.parametrize(
    "rule, name",
    [*((r, n) for n, r in CADENCES.items()), (None, "fortnightly"), ("", "fortnightly"), ("FREQ=DAILY", "fortnightly")],
)
def test_cadence_name_reads_the_rule_back(rule, name):
    assert cadence_name(rule) == name


@pytest.mark.parametrize(
    "rule, now, due",
    [
        ("FREQ=WEEKLY", START + 6 * DAY, START),  # the rhythm's start is its first occurrence
        ("FREQ=WEEKLY", START + 7 * DAY, START + 7 * DAY),  # a check-in due right now counts
        ("FREQ=WEEKLY", START + 7 * DAY - SECOND, START),
        ("FREQ=WEEKLY", START + 20 * DAY, START + 14 * DAY),
        ("FREQ=WEEKLY;INTERVAL=2", START + 20 * DAY, START + 14 * DAY),
        ("FREQ=WEEKLY;INTERVAL=2", START + 13 * DAY, START),
        (None, START + 29 * DAY, START + 28 * DAY),  # fortnightly when none is chosen
        ("FREQ=MONTHLY", dt.datetime(2026, 3, 10, tzinfo=dt.UTC), dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)),
        ("FREQ=WEEKLY", START - DAY, None),  # nothing is due before the rhythm starts
    ],
)
def test_last_due_checkin(rule, now, due):
    assert last_due_checkin(rule, START, now) == due


@pytest.mark.parametrize(
    "rule, now, activity, stale",
    [
        ("FREQ=WEEKLY", START + 6 * DAY, None, False),  # the first check-in falls one period in
        ("FREQ=WEEKLY", START + 7 * DAY, None, True),
        ("FREQ=WEEKLY", START + 7 * DAY, START + 7 * DAY, False),  # something happened at the check-in itself
        ("FREQ=WEEKLY", START + 7 * DAY, START + 7 * DAY - SECOND, True),
        ("FREQ=WEEKLY", START + 10 * DAY, START + 8 * DAY, False),
        ("FREQ=WEEKLY", START + 15 * DAY, START + 8 * DAY, True),  # missed the second check-in
        ("FREQ=WEEKLY", START + 7 * DAY, START - 30 * DAY, True),  # activity from before the loop doesn't count
        (None, START + 13 * DAY, None, False),
        (None, START + 14 * DAY, None, True),
        ("FREQ=MONTHLY", START + 30 * DAY, None, False),
        ("FREQ=MONTHLY", START + 31 * DAY, None, True),
        ("FREQ=MONTHLY", START + 45 * DAY, START + 32 * DAY, False),
        ("FREQ=WEEKLY", START, None, False),
        ("FREQ=WEEKLY", START - DAY, None, False),
    ],
)
def test_is_stale(rule, now, activity, stale):
    assert is_stale(rule, START, activity, now) is stale


@pytest.mark.parametrize(
    "started",
    [
        dt.datetime(2026, 1, 31, 9, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 30, 9, tzinfo=dt.UTC),
    ],
)
def test_a_monthly_rhythm_started_late_in_the_month_still_falls_due_next_month(started):
    # A loop started on the 29th-31st: the next monthly check-in is due in the following
    # month (on its last day when it is shorter), not skipped until a month that has that day.
    now = started + 45 * DAY
    assert is_stale("FREQ=MONTHLY", started, None, now) is True
    due = last_due_checkin("FREQ=MONTHLY", started, now)
    assert due is not None and started < due <= now


def test_time_zones_do_not_change_the_answer():
    tokyo = dt.timezone(dt.timedelta(hours=9))
    now = (START + 7 * DAY).astimezone(tokyo)
    assert is_stale("FREQ=WEEKLY", START.astimezone(tokyo), (START + DAY).astimezone(tokyo), now) is True
    assert is_stale("FREQ=WEEKLY", START, (START + 7 * DAY).astimezone(tokyo), now) is False

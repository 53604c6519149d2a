"""Check-in rhythm and staleness, on the professional's own calendar: presets, custom RRULEs, daylight
saving time and the date line."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from dateutil.rrule import rrulestr

from magicloop.services.cadence import (
    CADENCES,
    CUSTOM,
    DEFAULT_CADENCE,
    cadence_name,
    checked_rule,
    checkin_days,
    missed_checkin,
    rule_for_calendar,
)
from magicloop.services.dates import day_start

MONDAY = dt.date(2026, 1, 5)
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)  # a Monday morning in London
DAY = dt.timedelta(days=1)
LONDON, AUCKLAND = "Europe/London", "Pacific/Auckland"


def at(day: dt.date, hour: int, zone: str) -> dt.datetime:
    """A wall-clock time where `zone` is."""
    return day_start(day, zone) + dt.timedelta(hours=hour)


def test_the_rhythms_on_offer_are_weekly_fortnightly_monthly_or_a_rule_of_ones_own():
    assert CADENCES == {"weekly": "FREQ=WEEKLY", "fortnightly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY"}
    assert DEFAULT_CADENCE == "fortnightly"
    for rule in CADENCES.values():
        rrulestr(rule, dtstart=START)  # each is a valid iCalendar rule


@pytest.mark.parametrize(
    "rule, name",
    [
        *((r, n) for n, r in CADENCES.items()),
        (None, "fortnightly"),
        ("", "fortnightly"),
        ("FREQ=WEEKLY;BYDAY=MO", CUSTOM),
    ],
)
def test_cadence_name_reads_the_rule_back(rule, name):
    assert cadence_name(rule) == name


@pytest.mark.parametrize(
    "rule, days",
    [
        ("FREQ=WEEKLY", ["2026-01-12", "2026-01-19", "2026-01-26"]),  # the start day is no check-in
        (None, ["2026-01-19", "2026-02-02", "2026-02-16"]),  # fortnightly when none is chosen
        ("FREQ=MONTHLY", ["2026-02-05", "2026-03-05", "2026-04-05"]),
        ("FREQ=WEEKLY;BYDAY=TH", ["2026-01-08", "2026-01-15", "2026-01-22"]),
        ("FREQ=MONTHLY;BYDAY=-1FR", ["2026-01-30", "2026-02-27", "2026-03-27"]),  # the last Friday of the month
        ("FREQ=WEEKLY;UNTIL=20260120", ["2026-01-12", "2026-01-19"]),
    ],
)
def test_the_next_check_ins_of_a_rhythm(rule, days):
    assert [d.isoformat() for d in checkin_days(rule, MONDAY, MONDAY)] == days


def test_the_next_check_ins_start_from_the_day_asked_and_include_it():
    assert checkin_days("FREQ=WEEKLY", MONDAY, MONDAY + 14 * DAY) == [
        MONDAY + 14 * DAY,
        MONDAY + 21 * DAY,
        MONDAY + 28 * DAY,
    ]


@pytest.mark.parametrize("started", [dt.date(2026, 1, 31), dt.date(2026, 3, 31), dt.date(2026, 1, 30)])
def test_a_monthly_rhythm_started_late_in_the_month_falls_due_every_month(started):
    # Started on the 29th–31st: the check-in is on the month's last day when the month is shorter.
    days = checkin_days("FREQ=MONTHLY", started, started, count=3)
    assert [d.month for d in days] == [(started.month + i) % 12 + 1 for i in range(3)]
    assert all(d.day == min(started.day, 28 if d.month == 2 else 30 if d.month in (4, 6, 9, 11) else 31) for d in days)


def test_check_ins_stay_on_the_same_weekday_across_a_change_of_daylight_saving_time():
    # London moves its clocks on 29 March and 25 October 2026; a Monday rhythm stays on Mondays there.
    start = dt.date(2026, 3, 16)
    days = checkin_days("FREQ=WEEKLY;BYDAY=MO", start, start, count=4) + checkin_days(
        "FREQ=WEEKLY;BYDAY=MO", start, dt.date(2026, 10, 19), count=3
    )
    assert {d.weekday() for d in days} == {0}
    assert dt.date(2026, 3, 30) in days and dt.date(2026, 10, 26) in days


@pytest.mark.parametrize(
    "now, activity, missed",
    [
        (at(MONDAY + 7 * DAY, 23, LONDON), None, None),  # the check-in day is not over yet
        (at(MONDAY + 8 * DAY, 0, LONDON), None, MONDAY + 7 * DAY),  # it ended at midnight with nothing done
        (at(MONDAY + 8 * DAY, 0, LONDON), at(MONDAY + 7 * DAY, 0, LONDON), None),  # something happened that day
        (at(MONDAY + 8 * DAY, 0, LONDON), at(MONDAY + 7 * DAY, 0, LONDON) - dt.timedelta(seconds=1), MONDAY + 7 * DAY),
        (at(MONDAY + 12 * DAY, 9, LONDON), at(MONDAY + 9 * DAY, 9, LONDON), None),  # since then: not stale
        (at(MONDAY + 15 * DAY, 9, LONDON), at(MONDAY + 9 * DAY, 9, LONDON), MONDAY + 14 * DAY),  # missed the second
        (at(MONDAY + 3 * DAY, 9, LONDON), None, None),  # no check-in has fallen due yet
        (at(MONDAY - DAY, 9, LONDON), None, None),  # before the loop started
    ],
)
def test_a_loop_is_stale_once_a_check_in_day_ends_with_nothing_done_since_it_began(now, activity, missed):
    assert missed_checkin("FREQ=WEEKLY", LONDON, START, activity, now) == missed


def test_the_end_of_a_check_in_day_follows_the_clocks_across_daylight_saving_time():
    # Weekly from Monday 16 March in London: the check-in of Monday 30 March, after the clocks went
    # forward, ends at 23:00 UTC; that of Monday 23 March, before, at midnight UTC.
    started = at(dt.date(2026, 3, 16), 10, LONDON)
    assert missed_checkin("FREQ=WEEKLY", LONDON, started, None, dt.datetime(2026, 3, 23, 23, 30, tzinfo=dt.UTC)) is None
    assert missed_checkin("FREQ=WEEKLY", LONDON, started, None, dt.datetime(2026, 3, 24, 0, 0, tzinfo=dt.UTC)) == (
        dt.date(2026, 3, 23)
    )
    activity = dt.datetime(2026, 3, 24, 9, tzinfo=dt.UTC)
    assert (
        missed_checkin("FREQ=WEEKLY", LONDON, started, activity, dt.datetime(2026, 3, 30, 22, 59, tzinfo=dt.UTC))
        is None
    )
    assert missed_checkin("FREQ=WEEKLY", LONDON, started, activity, dt.datetime(2026, 3, 30, 23, 0, tzinfo=dt.UTC)) == (
        dt.date(2026, 3, 30)
    )


def test_across_the_date_line_the_same_instant_is_a_different_day():
    # A loop started at 20:00 UTC on Sunday 4 January: Monday 5 January in Auckland (UTC+13), still Sunday
    # 4 January in Pago Pago (UTC-11). Each weekly rhythm runs from its own start day, and each check-in
    # day ends at its own midnight: here the same instant, a day apart on the calendar.
    started = dt.datetime(2026, 1, 4, 20, tzinfo=dt.UTC)
    before, after = dt.datetime(2026, 1, 12, 10, 59, tzinfo=dt.UTC), dt.datetime(2026, 1, 12, 11, tzinfo=dt.UTC)
    assert missed_checkin("FREQ=WEEKLY", AUCKLAND, started, None, before) is None
    assert missed_checkin("FREQ=WEEKLY", "Pacific/Pago_Pago", started, None, before) is None
    assert missed_checkin("FREQ=WEEKLY", AUCKLAND, started, None, after) == dt.date(2026, 1, 12)
    assert missed_checkin("FREQ=WEEKLY", "Pacific/Pago_Pago", started, None, after) == dt.date(2026, 1, 11)


def test_the_calendar_event_starts_at_the_first_check_in_and_repeats_the_rule():
    assert rule_for_calendar("FREQ=WEEKLY;BYDAY=TH", MONDAY) == (dt.date(2026, 1, 8), "FREQ=WEEKLY;BYDAY=TH")
    assert rule_for_calendar("FREQ=MONTHLY", dt.date(2026, 1, 31)) == (
        dt.date(2026, 2, 28),
        "FREQ=MONTHLY;BYMONTHDAY=31,-1;BYSETPOS=1",
    )
    assert rule_for_calendar("FREQ=WEEKLY;UNTIL=20260106", MONDAY) is None


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        (" rrule:freq=monthly; byday=1mo ", "FREQ=MONTHLY;BYDAY=1MO"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH"),
        ("FREQ=WEEKLY;UNTIL=20270630", "FREQ=WEEKLY;UNTIL=20270630"),
    ],
)
def test_a_custom_rule_is_stored_in_one_spelling(typed, stored):
    assert checked_rule(typed, dt.date(2026, 12, 3)) == stored


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Write a rule"),
        ("every monday", "Start with FREQ="),
        ("FREQ=HOURLY", "a check-in is a day"),
        ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR has no place"),
        ("FREQ=WEEKLY;COUNT=4", "COUNT has no place"),
        ("FREQ=WEEKLY;UNTIL=20270630T000000Z", "UNTIL takes a date"),
        ("FREQ=WEEKLY;UNTIL=20271340", "isn't a rule we can read"),
        ("FREQ=WEEKLY;BYDAY=XX", "isn't a rule we can read"),
        ("FREQ=WEEKLY;INTERVAL=0", "isn't a rule we can read"),
        ("FREQ=WEEKLY;;BYDAY=MO", "isn't a rule we can read"),
        ("FREQ=WEEKLY;UNTIL=20261201", "no check-in in the coming year"),
        ("FREQ=DAILY;INTERVAL=400", "no check-in in the coming year"),
        ("FREQ=WEEKLY;" + "BYDAY=MO;" * 30, "under 200 characters"),
    ],
)
def test_a_bad_rule_is_refused_with_what_to_change(typed, message):
    with pytest.raises(ValueError, match=message):
        checked_rule(typed, dt.date(2026, 12, 3))


@pytest.mark.parametrize(
    "never",
    ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=3", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4"],
)
def test_a_rule_that_never_falls_due_is_refused_quickly(never):
    # dateutil would search such a rule day by day up to the year 9999: seconds of a server's time.
    began = time.perf_counter()
    with pytest.raises(ValueError, match="no check-in in the coming year"):
        checked_rule(never, dt.date(2026, 12, 3))
    assert time.perf_counter() - began < 2

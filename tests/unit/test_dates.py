"""Dates as people type them, and as the app says them back."""

from __future__ import annotations

import datetime as dt

import pytest

from magicloop.services.dates import describe, parse_when

SUNDAY = dt.date(2026, 11, 22)
FRIDAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    "today, typed, meant",
    [
        (SUNDAY, "today", SUNDAY),
        (SUNDAY, "  Today ", SUNDAY),
        (SUNDAY, "tomorrow", dt.date(2026, 11, 23)),
        (SUNDAY, "yesterday", dt.date(2026, 11, 21)),
        (SUNDAY, "friday", FRIDAY),
        (SUNDAY, "Fri", FRIDAY),
        (SUNDAY, "monday", dt.date(2026, 11, 23)),
        (SUNDAY, "sunday", dt.date(2026, 11, 29)),  # a weekday means the next one, not today
        (SUNDAY, "next Friday", FRIDAY),
        (SUNDAY, "this thursday", dt.date(2026, 11, 26)),
        (FRIDAY, "next Friday", dt.date(2026, 12, 4)),
        (FRIDAY, "friday", dt.date(2026, 12, 4)),
        (SUNDAY, "next week", dt.date(2026, 11, 29)),
        (SUNDAY, "next month", dt.date(2026, 12, 22)),
        (SUNDAY, "in 3 weeks", dt.date(2026, 12, 13)),
        (SUNDAY, "In 3 Weeks", dt.date(2026, 12, 13)),
        (SUNDAY, "in 1 day", dt.date(2026, 11, 23)),
        (SUNDAY, "in two days", dt.date(2026, 11, 24)),
        (SUNDAY, "in a fortnight", dt.date(2026, 12, 6)),
        (SUNDAY, "in a month", dt.date(2026, 12, 22)),
        (dt.date(2027, 1, 31), "in a month", dt.date(2027, 2, 28)),
        (SUNDAY, "in a year", dt.date(2027, 11, 22)),
        (SUNDAY, "end of month", dt.date(2026, 11, 30)),
        (SUNDAY, "2027-03-01", dt.date(2027, 3, 1)),
        (SUNDAY, "2026-11-01", dt.date(2026, 11, 1)),  # a typed year is kept, even when past
        (SUNDAY, "1 March 2027", dt.date(2027, 3, 1)),
        (SUNDAY, "1 March", dt.date(2027, 3, 1)),  # without a year: the next 1 March
        (SUNDAY, "March 1", dt.date(2027, 3, 1)),
        (SUNDAY, "1 December", dt.date(2026, 12, 1)),
        (SUNDAY, "22 November", SUNDAY),
        (SUNDAY, "21 November", dt.date(2027, 11, 21)),
    ],
)
def test_parse_when_reads_what_people_type(today, typed, meant):
    assert parse_when(typed, today) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "rubbish",
        "when pigs fly",
        "next blursday",
        "next",
        "in three fortnights and a day",
        "31 February",
        "2026-13-01",
        "in -3 weeks",
        "x" * 41,
        "in 3 weeks " + "!" * 40,
        "in 99999 years",
        "in 99999999 days",
        "in 999999 months",
        "-1",
        "10:00",
    ],
)
def test_parse_when_gives_none_for_what_is_not_a_date(typed):
    assert parse_when(typed, SUNDAY) is None


@pytest.mark.parametrize(
    "day, said",
    [
        (SUNDAY, "Sun 22 Nov 2026 (today)"),
        (dt.date(2026, 11, 23), "Mon 23 Nov 2026 (tomorrow)"),
        (dt.date(2026, 11, 21), "Sat 21 Nov 2026 (yesterday)"),
        (dt.date(2026, 11, 25), "Wed 25 Nov 2026 (in 3 days)"),
        (dt.date(2026, 11, 12), "Thu 12 Nov 2026 (10 days ago)"),
        (dt.date(2027, 3, 5), "Fri 5 Mar 2027 (in 103 days)"),
    ],
)
def test_describe_says_a_date_back(day, said):
    assert describe(day, SUNDAY) == said

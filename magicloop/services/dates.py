"""Dates as people type them ("2027-03-01", "next Friday", "in 3 weeks"), and the days of a person's own
calendar: an instant's date and a day's first instant where they are."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

_WEEKDAYS = {
    name: day
    for names, day in (
        (("monday", "mon"), MO),
        (("tuesday", "tue", "tues"), TU),
        (("wednesday", "wed"), WE),
        (("thursday", "thu", "thurs"), TH),
        (("friday", "fri"), FR),
        (("saturday", "sat"), SA),
        (("sunday", "sun"), SU),
    )
    for name in names
}
_UNITS = {"day": "days", "week": "weeks", "fortnight": "fortnights", "month": "months", "year": "years"}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_IN = re.compile(r"^in\s+(\d+|a|an|one|two|three|four|five|six)\s+(day|week|fortnight|month|year)s?$")
_NEXT = re.compile(r"^(?:next|this|coming)\s+(\w+)$")
MAX_INPUT = 40


def _offset(amount: int, unit: str) -> relativedelta:
    if unit == "fortnight":
        return relativedelta(weeks=2 * amount)
    return relativedelta(**{_UNITS[unit]: amount})


def parse_when(text: str, today: dt.date) -> dt.date | None:
    """The date meant by `text` relative to `today`, or None if it isn't one."""
    words = " ".join(text.lower().replace(",", " ").split())
    if not words or len(words) > MAX_INPUT:
        return None
    simple = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if words in simple:
        return today + dt.timedelta(days=simple[words])
    if match := _IN.match(words):
        amount = _NUMBER_WORDS.get(match[1]) or int(match[1])
        try:
            return today + _offset(amount, match[2])
        except (ValueError, OverflowError):  # beyond the calendar
            return None
    if match := _NEXT.match(words):
        word = match[1]
        if word in _WEEKDAYS:  # the first such day after today
            return today + relativedelta(days=1, weekday=_WEEKDAYS[word](+1))
        if word in _UNITS:
            return today + _offset(1, word)
        return None
    if words in _WEEKDAYS:
        return today + relativedelta(days=1, weekday=_WEEKDAYS[words](+1))
    if words == "end of month":
        return today + relativedelta(day=31)
    if not re.search(r"[a-z]{3}", words) and len(re.findall(r"\d+", words)) < 2:
        return None  # a lone number is not a date
    return _absolute(words, today)


def _absolute(words: str, today: dt.date) -> dt.date | None:
    """A calendar date; "1 March" without a year means the next 1 March.

    Parsing twice with different defaults tells which parts were typed: text
    that names neither a day nor a month ("10:00", "-1") is not a date.
    """
    try:
        this_year = date_parser.parse(words, default=dt.datetime(today.year, today.month, 1)).date()
        next_year = date_parser.parse(words, default=dt.datetime(today.year + 1, today.month, 1)).date()
        probe = date_parser.parse(words, default=dt.datetime(today.year, 1 if today.month != 1 else 2, 2)).date()
    except (ValueError, OverflowError):
        return None
    if probe.month != this_year.month and probe.day != this_year.day:
        return None
    year_typed = this_year == next_year
    return next_year if not year_typed and this_year < today else this_year


def describe(day: dt.date, today: dt.date) -> str:
    """A date as people say it back: "Fri 5 Mar 2027 (in 3 days)"."""
    delta = (day - today).days
    relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(delta)
    if relative is None:
        relative = f"in {delta} days" if delta > 0 else f"{-delta} days ago"
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')} ({relative})"


def local_day(instant: dt.datetime, zone: str) -> dt.date:
    return instant.astimezone(ZoneInfo(zone)).date()


def local_moment(instant: dt.datetime, zone: str) -> str:
    """An instant as the page shows it where the reader is: "05 Mar 2027, 14:30"."""
    return instant.astimezone(ZoneInfo(zone)).strftime("%d %b %Y, %H:%M")


def day_start(day: dt.date, zone: str) -> dt.datetime:
    """The instant `day` begins where `zone` is (in UTC)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)

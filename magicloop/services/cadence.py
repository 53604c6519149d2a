"""Check-in rhythm (an iCalendar RRULE) and staleness: "next week drifts on for a year".

A check-in falls on a day of the professional's own calendar: the rule runs on their wall clock from
the day their loop started there, so neither a change of daylight saving time nor the date line moves
a check-in. The loop's start day is not a check-in; the first falls one period in. A check-in is
missed once its day has ended where the professional is, with nothing done on the loop since it began.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil.rrule import rrule, rrulestr

from magicloop.services.dates import day_start, local_day

CADENCES = {
    "weekly": "FREQ=WEEKLY",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
}
DEFAULT_CADENCE = "fortnightly"
CUSTOM = "custom"
RULE_MAX = 200
SHOWN_AHEAD = 3  # the next check-ins a person sees
# A check-in is a day: no times, and no counting (each loop starts the rhythm afresh).
_PARTS = {"FREQ", "INTERVAL", "UNTIL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"}
_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_UNREADABLE = "That isn't a rule we can read. Try, for example, FREQ=MONTHLY;BYDAY=1MO."
_CALENDAR_CYCLE = 400  # years after which the Gregorian calendar, weekdays included, repeats itself


def cadence_name(rule: str | None) -> str:
    """The preset a stored rule is, "custom" for any other rule, the default for none."""
    if not rule:
        return DEFAULT_CADENCE
    return next((name for name, preset in CADENCES.items() if preset == rule), CUSTOM)


def _parts(rule: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in rule.split(";"))


def _effective(rule: str | None, start_day: dt.date) -> str:
    """The rule as it runs from `start_day`. A plain monthly rhythm started on the 29th–31st falls
    due on the month's last day when the month is shorter, rather than skipping that month."""
    rule = rule or CADENCES[DEFAULT_CADENCE]
    parts = _parts(rule)
    if parts.get("FREQ") == "MONTHLY" and not any(p.startswith("BY") for p in parts) and start_day.day > 28:
        rule += f";BYMONTHDAY={start_day.day},-1;BYSETPOS=1"
    return rule


@functools.lru_cache(maxsize=4096)  # a team page or dashboard asks for each report's rhythm: parse each once
def _recurrence(rule: str | None, start_day: dt.date) -> rrule:
    # Its days kept as they are worked out: finding the last check-in of a loop begun years ago walks every day
    # since (1.6 ms for a daily rhythm over three years), and each page, sweep and report asks again.
    return rrulestr(_effective(rule, start_day), dtstart=dt.datetime.combine(start_day, dt.time()), cache=True)


def checkin_days(rule: str | None, start_day: dt.date, from_day: dt.date, count: int = SHOWN_AHEAD) -> list[dt.date]:
    """The next `count` check-in days on or after `from_day` of a rhythm that started on `start_day`."""
    first = dt.datetime.combine(max(from_day, start_day + dt.timedelta(days=1)), dt.time())
    return [day.date() for day in _recurrence(rule, start_day).xafter(first, count=count, inc=True)]


def rule_for_calendar(rule: str | None, start_day: dt.date) -> tuple[dt.date, str] | None:
    """The first check-in day and the rule that repeats it, for a calendar's recurring event."""
    first = checkin_days(rule, start_day, start_day, count=1)
    return (first[0], _effective(rule, start_day)) if first else None


def missed_checkin(
    rule: str | None, zone: str, loop_started: dt.datetime, last_activity: dt.datetime | None, now: dt.datetime
) -> dt.date | None:
    """The check-in day that makes the loop stale now — over, with nothing done since it began — or None."""
    start_day, today = local_day(loop_started, zone), local_day(now, zone)
    if today <= start_day:
        return None
    last = _recurrence(rule, start_day).before(dt.datetime.combine(today, dt.time()))
    if last is None or last.date() <= start_day:
        return None
    if last_activity is not None and last_activity >= day_start(last.date(), zone):
        return None
    return last.date()


def checked_rule(text: str, today: dt.date) -> str:
    """A custom rhythm as stored (an RRULE value, upper case, no spaces); ValueError says what to change."""
    rule = "".join(text.split()).upper().removeprefix("RRULE:")
    if not rule:
        raise ValueError("Write a rule, for example FREQ=WEEKLY;BYDAY=MO.")
    if len(rule) > RULE_MAX:
        raise ValueError(f"Keep the rule under {RULE_MAX} characters.")
    parts = _parts(rule)
    if parts.get("FREQ") not in _FREQUENCIES:
        raise ValueError("Start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY: a check-in is a day.")
    if unknown := sorted(set(parts) - _PARTS - {""}):
        raise ValueError(f"{unknown[0]} has no place in a check-in rhythm: use FREQ, INTERVAL, UNTIL and BY… days.")
    if "UNTIL" in parts and not re.fullmatch(r"\d{8}", parts["UNTIL"]):
        raise ValueError("UNTIL takes a date, for example UNTIL=20270630.")
    if "" in parts or not re.fullmatch(r"[1-9]\d{0,2}", parts.get("INTERVAL", "1")):
        raise ValueError(_UNREADABLE)
    try:
        _recurrence(rule, today)  # reads UNTIL too
        within_a_year = _falls_within_a_year(rule, today)
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        raise ValueError(_UNREADABLE) from None
    if not within_a_year:
        raise ValueError("This rule has no check-in in the coming year.")
    return rule


def _falls_within_a_year(rule: str, today: dt.date) -> bool:
    """Whether a check-in comes within a year of `today`. Asked of the same calendar some multiple of 400
    years on, near the calendar's end: a rule that never matches a day ("the 30th of February") is given
    up within centuries, not searched for until the year 9999."""
    until = _parts(rule).get("UNTIL")
    shift = _CALENDAR_CYCLE * ((dt.MAXYEAR - today.year - 1) // _CALENDAR_CYCLE)
    unbounded = ";".join(p for p in rule.split(";") if not p.startswith("UNTIL="))
    later = today.replace(year=today.year + shift)  # a leap day stays one: 400 years hold a whole number of leap years
    first = checkin_days(unbounded, later, later, count=1)
    if not first:
        return False
    day = first[0].replace(year=first[0].year - shift)
    return day <= today + dt.timedelta(days=366) and (until is None or day.strftime("%Y%m%d") <= until)

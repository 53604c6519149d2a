"""Check-in rhythm (an iCalendar RRULE) and staleness: "next week drifts on for a year"."""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr

CADENCES = {
    "weekly": "FREQ=WEEKLY",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
}
DEFAULT_CADENCE = "fortnightly"


def cadence_name(rule: str | None) -> str:
    return next((name for name, r in CADENCES.items() if r == rule), DEFAULT_CADENCE)


def last_due_checkin(rule: str | None, since: dt.datetime, now: dt.datetime) -> dt.datetime | None:
    """The latest check-in due by `now` in a rhythm that started at `since`."""
    rule = rule or CADENCES[DEFAULT_CADENCE]
    if "FREQ=MONTHLY" in rule and since.day > 28:
        # Started on the 29th–31st: fall due on the month's last day when it is shorter.
        rule += f";BYMONTHDAY={since.day},-1;BYSETPOS=1"
    return rrulestr(rule, dtstart=since).before(now, inc=True)


def is_stale(rule: str | None, loop_started: dt.datetime, last_activity: dt.datetime | None, now: dt.datetime) -> bool:
    """Nothing has happened since the last check-in that was due (the first falls one period in)."""
    due = last_due_checkin(rule, loop_started, now)
    if due is None or due <= loop_started:
        return False
    return last_activity is None or last_activity < due

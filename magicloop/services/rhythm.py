"""A person's check-in rhythm as they set it and see it: a preset or a rule of their own, the next
check-ins on their calendar, and whether their loop has gone stale."""

from __future__ import annotations

import dataclasses
import datetime as dt

from magicloop.models import Loop, User
from magicloop.services.cadence import (
    CADENCES,
    CUSTOM,
    cadence_name,
    checked_rule,
    checkin_days,
    missed_checkin,
)
from magicloop.services.dates import describe, local_day
from magicloop.services.validation import FormCheck

RULE_FIELD = "checkin_rule"


@dataclasses.dataclass(frozen=True)
class CheckinLine:
    """One line about the professional's check-ins on their dashboard."""

    stale: bool
    text: str  # "Next check-in: Mon 16 Mar 2026 (in 3 days)", or what was missed


def chosen_rule(form: FormCheck, actor: User, today: dt.date) -> str:
    """The rule a settings form asks for: a preset, or a custom rule checked (a message beside its field)."""
    choice = form.choice("cadence", "Check-in rhythm", [*CADENCES, CUSTOM], default=cadence_name(actor.checkin_rrule))
    if choice != CUSTOM:
        return CADENCES.get(choice, "")
    typed = form.data.get(RULE_FIELD)
    try:
        return checked_rule(typed if isinstance(typed, str) else "", today)
    except ValueError as problem:
        form.fail(RULE_FIELD, str(problem))
        return ""


def _start_day(user: User, loop: Loop | None, today: dt.date) -> dt.date:
    """Where the rhythm runs from: the current loop's start day, or today for the loop not started yet."""
    return local_day(loop.started_at, user.time_zone) if loop else today


def next_checkins(user: User, loop: Loop | None, now: dt.datetime) -> list[str]:
    today = local_day(now, user.time_zone)
    return [describe(day, today) for day in checkin_days(user.checkin_rrule, _start_day(user, loop, today), today)]


def checkin_line(user: User, loop: Loop, last_activity: dt.datetime | None, now: dt.datetime) -> CheckinLine:
    missed = missed_checkin(user.checkin_rrule, user.time_zone, loop.started_at, last_activity, now)
    if missed is not None:
        return CheckinLine(True, f"Your check-in due {missed:%a %-d %b} went by with nothing on your loop.")
    upcoming = next_checkins(user, loop, now)
    return CheckinLine(False, f"Next check-in: {upcoming[0]}" if upcoming else "No check-ins ahead in your rhythm.")

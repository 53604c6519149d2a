"""Missed check-ins, told once: when a loop goes stale, the professional and their current managers each
hear of the missed check-in one time — not every day it stays missed, and not once per app worker.

Each loop remembers the last missed check-in told of. Telling claims it with a conditional UPDATE in the
transaction that writes the notifications: of several workers that found the same loop stale, the first
to commit wins and the others' UPDATE then matches no row, on SQLite (one writer at a time) and on
PostgreSQL (the second UPDATE waits for the first and reads its result) alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import or_, update
from sqlmodel import Session, select

from magicloop.models import Loop, User
from magicloop.services.cadence import missed_checkin
from magicloop.services.dates import local_day
from magicloop.services.notifications import current_manager_ids, loop_link, notify
from magicloop.services.timeline import last_event_at


@dataclasses.dataclass(frozen=True)
class MissedCheckin:
    loop_id: int
    owner_id: int
    owner_name: str
    time_zone: str
    day: dt.date  # the check-in day missed, in the owner's time zone


def untold(db: Session, now: dt.datetime) -> list[MissedCheckin]:
    """Open loops of active people that are stale now for a check-in not yet told of, in one statement."""
    rows = db.exec(
        select(
            Loop.id,
            Loop.owner_id,
            Loop.started_at,
            Loop.checkin_nudged_on,
            User.display_name,
            User.time_zone,
            User.checkin_rrule,
            last_event_at(Loop.owner_id),
        )
        .join(User, User.id == Loop.owner_id)
        .where(Loop.closed_at.is_(None), User.disabled_at.is_(None))
        .order_by(Loop.id)
    )
    found = []
    for loop_id, owner_id, started_at, told, name, zone, rule, last_activity in rows:
        day = missed_checkin(rule, zone, started_at, last_activity, now)
        if day is not None and (told is None or told < day):
            found.append(MissedCheckin(loop_id, owner_id, name, zone, day))
    return found


def tell(db: Session, missed: MissedCheckin, now: dt.datetime) -> bool:
    """Tell both sides of one missed check-in, unless someone already has; whether this call did."""
    claimed = db.exec(
        update(Loop)
        .where(
            Loop.id == missed.loop_id,
            Loop.closed_at.is_(None),
            or_(Loop.checkin_nudged_on.is_(None), Loop.checkin_nudged_on < missed.day),
        )
        .values(checkin_nudged_on=missed.day)
    ).rowcount
    if not claimed:
        return False
    day, link = f"{missed.day:%a %-d %b}", loop_link(missed.loop_id)
    notify(
        db,
        missed.owner_id,
        "check_in",
        f"Your check-in due {day} went by with nothing on your loop: note where you are, or talk to your manager.",
        link,
    )
    first_name = missed.owner_name.split()[0]
    for manager_id in current_manager_ids(db, missed.owner_id, local_day(now, missed.time_zone)):
        notify(db, manager_id, "check_in", f"Check in with {first_name}: nothing since the check-in due {day}.", link)
    return True

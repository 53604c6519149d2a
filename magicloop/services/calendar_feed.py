"""A person's check-ins and due dates in their own calendar app: a private subscription link (a secret
token: revocable, regenerable) and a one-off .ics file.

A feed holds the person's own open items with a due date in their current loop, and their check-ins as
one recurring event with its RRULE — never private notes, comments or anyone else's items. Every date is
a day of the person's own calendar (all-day events, the calendar named in their time zone). An event's
UID says what it records (`ask-12@host`), never the token, so a new link shows calendars the same events.
Only the SHA-256 of the token is kept, so the link is shown once, when it is made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur
from sqlmodel import Session, select

from magicloop import routes
from magicloop.config import get_settings
from magicloop.models import Loop, User, utcnow
from magicloop.services import audit
from magicloop.services.audit import AuditKind
from magicloop.services.cadence import rule_for_calendar
from magicloop.services.dates import local_day
from magicloop.services.loops import current_loop
from magicloop.services.notifications import DELIVERY_STAGES, loop_link
from magicloop.services.outline import outline
from magicloop.services.security import is_token_shaped, new_token, token_digest

FILE_NAME = "magicloop.ics"
_DUE_KINDS = {"ask": "Ask", "recommendation": "Recommendation", "action_step": "Action step"}


@dataclasses.dataclass(frozen=True)
class CalendarLink:
    since: str  # the day the current link was made, "" for none


def link_of(user: User) -> CalendarLink:
    made = user.calendar_since
    return CalendarLink(since=made.astimezone(ZoneInfo(user.time_zone)).strftime("%-d %b %Y") if made else "")


def feed_url(token: str) -> str:
    return f"{get_settings().public_url}{routes.CALENDAR}/{token}.ics"


def make_link(db: Session, actor: User) -> str:
    """A new subscription link; any earlier one stops working. The URL is returned here and never again."""
    token = new_token()
    actor.calendar_token_hash, actor.calendar_since = token_digest(token), utcnow()
    db.add(actor)
    audit.record(db, AuditKind.CALENDAR_LINK_MADE, actor=actor)
    return feed_url(token)


def turn_off_link(db: Session, actor: User) -> None:
    if actor.calendar_token_hash is None:
        return
    actor.calendar_token_hash, actor.calendar_since = None, None
    db.add(actor)
    audit.record(db, AuditKind.CALENDAR_LINK_TURNED_OFF, actor=actor)


def feed_for_token(db: Session, token: object) -> str | None:
    """The feed a link's token opens, or None for a token that opens none (unknown, turned off, replaced,
    its person disabled): every such answer is the same."""
    if not is_token_shaped(token):
        return None
    user = db.exec(
        select(User).where(User.calendar_token_hash == token_digest(token), User.disabled_at.is_(None))
    ).first()
    return calendar_file(db, user) if user else None


def calendar_file(db: Session, user: User, now: dt.datetime | None = None) -> str:
    """The person's own calendar as iCalendar text."""
    now = now or utcnow()
    calendar = Calendar()
    calendar.add("prodid", "-//Magic Loop//Check-ins and due dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Magic Loop: {user.display_name}")
    calendar.add("x-wr-timezone", user.time_zone)
    loop = current_loop(db, user.id)
    if loop is not None:
        for event in [*_due_events(db, loop), *_checkin_events(user, loop)]:
            event.add("dtstamp", now)
            calendar.add_component(event)
    return calendar.to_ical().decode()


def _event(uid: str, summary: str, day: dt.date, link: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{urlsplit(get_settings().public_url).hostname}")
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("url", f"{get_settings().public_url}{link}")
    event.add("transp", "TRANSPARENT")  # a reminder, not time taken
    return event


def _due_events(db: Session, loop: Loop) -> list[Event]:
    return [
        _event(
            f"{row.kind}-{row.id}",
            f"Due: {row.text} ({_DUE_KINDS[row.kind].lower()})",
            row.due_on,
            loop_link(loop.id, row.kind, row.id, stage=DELIVERY_STAGES.get(row.kind, 0)),
        )
        for row in outline(db, loop.id)
        if row.kind in _DUE_KINDS and row.due_on and row.is_open and not row.done
    ]


def _checkin_events(user: User, loop: Loop) -> list[Event]:
    repeated = rule_for_calendar(user.checkin_rrule, local_day(loop.started_at, user.time_zone))
    if repeated is None:
        return []
    first, rule = repeated
    event = _event(f"checkins-loop-{loop.id}", "Check-in with your manager (Magic Loop)", first, loop_link(loop.id))
    event.add("rrule", vRecur.from_ical(rule))
    return [event]

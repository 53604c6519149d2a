"""What the settings page shows beyond the signed-in person's profile, read in one transaction."""

from __future__ import annotations

import dataclasses

from sqlmodel import Session

from magicloop.models import User, utcnow
from magicloop.services.calendar_feed import CalendarLink, link_of
from magicloop.services.loops import current_loop
from magicloop.services.mentoring import GrantRow, list_grants
from magicloop.services.rhythm import next_checkins
from magicloop.services.sessions import SessionRow, list_sessions


@dataclasses.dataclass(frozen=True)
class SettingsView:
    grants: list[GrantRow]
    next_checkins: list[str]  # "Mon 16 Mar 2026 (in 3 days)", on the person's own calendar
    calendar: CalendarLink
    sessions: list[SessionRow]  # the browsers they are signed in on, the asking one first


def upcoming(db: Session, actor: User) -> list[str]:
    return next_checkins(actor, current_loop(db, actor.id), utcnow())


def settings_view(db: Session, actor: User, token: object) -> SettingsView:
    """`token`: the asking tab's session, marked as this one among the person's sessions."""
    return SettingsView(
        grants=list_grants(db, actor),
        next_checkins=upcoming(db, actor),
        calendar=link_of(actor),
        sessions=list_sessions(db, actor, token),
    )

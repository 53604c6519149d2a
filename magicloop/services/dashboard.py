"""What the professional sees first."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from magicloop.models import TimelineEvent, User
from magicloop.services.policy import Action, authorize

RECENT_EVENTS = 8


@dataclasses.dataclass(frozen=True)
class TimelineRow:
    id: int
    kind: str
    summary: str
    when: str  # in the viewer's time zone


def recent_activity(db: Session, actor: User, owner_id: int | None = None) -> list[TimelineRow]:
    owner = db.get(User, owner_id) if owner_id is not None else actor
    authorize(db, actor, Action.VIEW, owner)
    zone = ZoneInfo(actor.time_zone)
    events = db.exec(select(TimelineEvent).where(TimelineEvent.owner_id == owner.id)
                     .order_by(TimelineEvent.created_at.desc(), TimelineEvent.id.desc()).limit(RECENT_EVENTS)).all()
    return [TimelineRow(id=e.id, kind=e.kind, summary=e.summary,
                        when=e.created_at.astimezone(zone).strftime("%d %b %Y, %H:%M")) for e in events]

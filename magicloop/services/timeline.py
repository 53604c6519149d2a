"""The professional's history: every write a person would want to see later."""

from __future__ import annotations

from sqlmodel import Session

from magicloop.models import TimelineEvent, User


def record(db: Session, *, owner_id: int, actor: User | None, kind: str, summary: str,
           loop_id: int | None = None, subject_kind: str = "", subject_id: int | None = None) -> TimelineEvent:
    event = TimelineEvent(
        owner_id=owner_id,
        actor_id=actor.id if actor else None,
        loop_id=loop_id,
        kind=kind,
        summary=summary[:300],
        subject_kind=subject_kind,
        subject_id=subject_id,
    )
    db.add(event)
    return event

"""Rows a loop page reads from several places (its stepper and its sections), read once per
transaction. Callers never change what they get here: they write through the session."""

from __future__ import annotations

from sqlmodel import Session, select

from magicloop.models import GrowthConversation, Idea, SelfReflection
from magicloop.services.recall import remembered


def self_reflection(db: Session, loop_id: int) -> SelfReflection | None:
    query = select(SelfReflection).where(SelfReflection.loop_id == loop_id)
    return remembered(db, ("self_reflection", loop_id), lambda: db.exec(query).first())


def ideas(db: Session, loop_id: int) -> list[Idea]:
    query = select(Idea).where(Idea.loop_id == loop_id).order_by(Idea.id)
    return remembered(db, ("ideas", loop_id), lambda: list(db.exec(query).all()))


def conversations(db: Session, loop_id: int) -> list[GrowthConversation]:
    """Newest first."""
    query = (
        select(GrowthConversation)
        .where(GrowthConversation.loop_id == loop_id)
        .order_by(GrowthConversation.held_on.desc(), GrowthConversation.id.desc())
    )
    return remembered(db, ("conversations", loop_id), lambda: list(db.exec(query).all()))

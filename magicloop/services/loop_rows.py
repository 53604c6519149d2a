"""Rows a loop page reads from several places (its stepper and its sections), read once per
transaction. Callers never change what they get here: they write through the session."""

from __future__ import annotations

from sqlalchemy import and_, bindparam
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, select

from magicloop.models import GrowthConversation, Idea, Loop, SelfReflection, Stage, StageReflection
from magicloop.services.prepared import built_once
from magicloop.services.recall import remember, remembered

_REFLECTIONS = (SelfReflection, StageReflection)
LOOP = bindparam("loop_id")  # the loop a statement built once reads (services/prepared.py)


def self_reflection(db: Session, loop_id: int) -> SelfReflection | None:
    return _reflections(db, loop_id)[0]


def stage_reflection(db: Session, loop_id: int) -> StageReflection | None:
    """The reflection on stage 3, Implement: the one stage that asks for it."""
    return _reflections(db, loop_id)[1]


def loop(db: Session, loop_id: int) -> Loop | None:
    """A loop, read with its two reflections (a loop page shows both) unless it is loaded already."""
    known = db.identity_map.get(identity_key(Loop, loop_id))
    if known is None and (row := db.exec(_with_reflections(), params={"loop_id": loop_id}).first()):
        known = row[0]
        remember(db, ("reflections", loop_id), tuple(row[1:]), reads=_REFLECTIONS)
    return known


def _reflections(db: Session, loop_id: int) -> tuple[SelfReflection | None, StageReflection | None]:
    def read():
        return tuple((db.exec(_with_reflections(), params={"loop_id": loop_id}).first() or (None, None, None))[1:])

    return remembered(db, ("reflections", loop_id), read, reads=_REFLECTIONS)


@built_once
def _with_reflections():
    return (
        select(Loop, SelfReflection, StageReflection)
        .outerjoin(SelfReflection, SelfReflection.loop_id == Loop.id)
        .outerjoin(StageReflection, and_(StageReflection.loop_id == Loop.id, StageReflection.stage == Stage.IMPLEMENT))
        .where(Loop.id == LOOP)
    )


def ideas(db: Session, loop_id: int) -> list[Idea]:
    read = lambda: list(db.exec(_ideas(), params={"loop_id": loop_id}).all())  # noqa: E731
    return remembered(db, ("ideas", loop_id), read, reads=(Idea,))


def conversations(db: Session, loop_id: int) -> list[GrowthConversation]:
    """Newest first."""
    read = lambda: list(db.exec(_conversations(), params={"loop_id": loop_id}).all())  # noqa: E731
    return remembered(db, ("conversations", loop_id), read, reads=(GrowthConversation,))


@built_once
def _ideas():
    return select(Idea).where(Idea.loop_id == LOOP).order_by(Idea.id)


@built_once
def _conversations():
    return (
        select(GrowthConversation)
        .where(GrowthConversation.loop_id == LOOP)
        .order_by(GrowthConversation.held_on.desc(), GrowthConversation.id.desc())
    )

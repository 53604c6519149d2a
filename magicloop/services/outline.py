"""A loop's outline: one short row for everything recorded in it, read in one statement.

The stepper, the next step and the dashboard's "due" list need only whether each thing is
there, open, done and due, never the whole rows: after a write, they are worked out again
from this one read instead of every list of the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Date, cast, false, literal, null, or_, union_all
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    GrowthConversation,
    Idea,
    ItemStatus,
    ManagerAsk,
    Recommendation,
    SelfReflection,
)
from magicloop.services.loop_rows import LOOP
from magicloop.services.loops import in_loop
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered

KINDS = ("reflection", "action_step", "idea", "ask", "conversation", "recommendation")  # the order shown


@dataclasses.dataclass(frozen=True)
class OutlineRow:
    kind: str  # one of KINDS
    id: int
    text: str  # what it says, for "open" lists: a step's description, an ask's or idea's words
    is_open: bool  # a reflection without readiness, a step not done, an idea undecided, an item not done
    done: bool  # an ask or recommendation marked done (a recommendation may still await its closing reply)
    due_on: dt.date | None


def outline(db: Session, loop_id: int) -> list[OutlineRow]:
    """Everything recorded in the loop, carried items included, in the order of KINDS then id."""
    return remembered(db, ("outline", loop_id), lambda: _read(db, loop_id), reads=_READS)


_READS = (SelfReflection, ActionStep, Idea, ManagerAsk, GrowthConversation, Recommendation)


def _read(db: Session, loop_id: int) -> list[OutlineRow]:
    rows = [
        OutlineRow(kind, id_, text, bool(is_open), bool(done), due_on)
        for kind, id_, text, is_open, done, due_on in db.exec(_everything(), params={"loop_id": loop_id})
    ]
    return sorted(rows, key=lambda row: (KINDS.index(row.kind), row.id))


@built_once
def _everything():
    no_date = cast(null(), Date)
    parts = [
        select(
            literal("reflection"), SelfReflection.id, literal(""), SelfReflection.readiness.is_(None), false(), no_date
        ).where(SelfReflection.loop_id == LOOP),
        select(
            literal("action_step"),
            ActionStep.id,
            ActionStep.description,
            ActionStep.done_at.is_(None),
            ActionStep.done_at.is_not(None),
            ActionStep.due_on,
        ).where(in_loop(ActionStep, "action_step")),
        select(literal("idea"), Idea.id, Idea.proposal, Idea.status == "pending", false(), no_date).where(
            Idea.loop_id == LOOP
        ),
        *(
            select(
                literal(kind),
                model.id,
                model.what,
                open_if,
                model.status == ItemStatus.DONE,
                model.due_on,
            ).where(in_loop(model, kind))
            for kind, model, open_if in (
                ("ask", ManagerAsk, ManagerAsk.status != ItemStatus.DONE),
                (
                    "recommendation",
                    Recommendation,
                    or_(Recommendation.status != ItemStatus.DONE, Recommendation.replied_at.is_(None)),
                ),
            )
        ),
        select(literal("conversation"), GrowthConversation.id, literal(""), false(), false(), no_date).where(
            GrowthConversation.loop_id == LOOP
        ),
    ]
    return union_all(*parts)


def of(rows: list[OutlineRow], kind: str) -> list[OutlineRow]:
    return [row for row in rows if row.kind == kind]

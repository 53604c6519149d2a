"""Everything the loop page shows, read in one call: one transaction, the session resolved once.

Each stage's part is also read on its own, after a write in that stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection

from sqlmodel import Session

from magicloop import models
from magicloop.models import User
from magicloop.services import asks, growth, loop_view, loops, notes, ratings, reflection, threads, tracking
from magicloop.services.asks import IdeaRow
from magicloop.services.growth import ConversationRow
from magicloop.services.loop_view import LoopView
from magicloop.services.notes import NoteRow
from magicloop.services.ratings import GapRow
from magicloop.services.reflection import ActionStepRow, CompetencyRow, ReflectionView, StageReflectionView
from magicloop.services.threads import ThreadCounts
from magicloop.services.tracking import TrackedItemRow


@dataclasses.dataclass(frozen=True)
class Reflecting:  # stage 1
    competencies: list[CompetencyRow]
    reflection: ReflectionView
    steps: list[ActionStepRow]
    gaps: list[GapRow]


@dataclasses.dataclass(frozen=True)
class Working:  # stages 2 and 3
    asks: list[TrackedItemRow]
    ideas: list[IdeaRow]
    stage_reflection: StageReflectionView


@dataclasses.dataclass(frozen=True)
class Growing:  # stages 4 and 5
    conversations: list[ConversationRow]
    recommendations: list[TrackedItemRow]


@dataclasses.dataclass(frozen=True)
class LoopPage:
    view: LoopView
    threads: ThreadCounts
    reflecting: Reflecting
    working: Working
    growing: Growing
    notes: list[NoteRow] | None  # the owner's private notes; None for anyone else


def reflecting(db: Session, actor: User, loop_id: int, today: dt.date) -> Reflecting:
    return Reflecting(
        competencies=reflection.assessment(db, actor, loop_id),
        reflection=reflection.self_reflection(db, actor, loop_id),
        steps=reflection.action_steps(db, actor, loop_id, today),
        gaps=ratings.gap_view(db, actor, loop_id),
    )


def working(db: Session, actor: User, loop_id: int, today: dt.date) -> Working:
    return Working(
        asks=tracking.list_items(db, actor, "ask", loop_id, today),
        ideas=asks.list_ideas(db, actor, loop_id),
        stage_reflection=reflection.stage_reflection(db, actor, loop_id),
    )


def growing(db: Session, actor: User, loop_id: int, today: dt.date) -> Growing:
    return Growing(
        conversations=growth.list_conversations(db, actor, loop_id),
        recommendations=tracking.list_items(db, actor, "recommendation", loop_id, today),
    )


# What each part of the page reads, by table, besides the loop's outline (the stepper, read again with any
# part): a change someone else makes reloads only the parts that read what it wrote (services/changes.py).
_PARTS = {
    "threads": (lambda db, actor, loop_id, _today: threads.thread_counts(db, actor, loop_id), {models.Comment}),
    "reflecting": (reflecting, {models.CompetencyRating, models.SelfReflection, models.ActionStep}),
    "working": (
        working,
        {models.ManagerAsk, models.Idea, models.StageReflection, models.COEReview, models.ProgressUpdate},
    ),
    "growing": (growing, {models.GrowthConversation, models.Recommendation, models.COEReview, models.ProgressUpdate}),
}
# Written beside the parts' rows, and shown on no part of the page.
_UNSHOWN = {models.TimelineEvent, models.Notification, models.AuditEvent, models.AuthSession, models.OutboxMail}
_READERS = {
    model.__tablename__: frozenset(part for part, (_, read) in _PARTS.items() if model in read)
    for model in set().union(_UNSHOWN, *(read for _, read in _PARTS.values()))
}


def parts_reading(tables: frozenset[str] | None) -> frozenset[str] | None:
    """The parts of the page that read any of `tables`; None when it is to be read whole: the tables are not
    known, or one of them (the loop itself, say) is read by no part alone."""
    if tables is None or not tables <= _READERS.keys():
        return None
    return frozenset().union(*(_READERS[table] for table in tables))


def loop_page_parts(
    db: Session, actor: User, loop_id: object, today: dt.date, parts: Collection[str]
) -> tuple[LoopView, dict[str, object]]:
    """The stepper and `parts` of the page, by name: all of them, or those `parts_reading` names."""
    view = loop_view.view_loop(db, actor, loop_id, today)  # refuses whoever may not see it
    return view, {part: read(db, actor, view.id, today) for part, (read, _) in _PARTS.items() if part in parts}


def loop_page(db: Session, actor: User, loop_id: object, today: dt.date) -> LoopPage:
    view, read = loop_page_parts(db, actor, loop_id, today, _PARTS)
    private = notes.list_notes(db, actor, view.id) if view.viewer == "owner" else None
    return LoopPage(view=view, **read, notes=private)


def open_loop_page(db: Session, actor: User, loop_id: object, today: dt.date) -> LoopPage | None:
    """The loop asked for, or the person's current loop; None when they have none yet."""
    if loop_id is None:
        loop_id = loops.current_loop_id(db, actor)
        if loop_id is None:
            return None
    return loop_page(db, actor, loop_id, today)

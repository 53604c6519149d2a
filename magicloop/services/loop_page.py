"""Everything the loop page shows, read in one call: one transaction, the session resolved once.

Each stage's part is also read on its own, after a write in that stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

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


def loop_page(db: Session, actor: User, loop_id: object, today: dt.date) -> LoopPage:
    view = loop_view.view_loop(db, actor, loop_id, today)  # refuses whoever may not see it
    return LoopPage(
        view=view,
        threads=threads.thread_counts(db, actor, view.id),
        reflecting=reflecting(db, actor, view.id, today),
        working=working(db, actor, view.id, today),
        growing=growing(db, actor, view.id, today),
        notes=notes.list_notes(db, actor, view.id) if view.viewer == "owner" else None,
    )


def open_loop_page(db: Session, actor: User, loop_id: object, today: dt.date) -> LoopPage | None:
    """The loop asked for, or the person's current loop; None when they have none yet."""
    if loop_id is None:
        loop_id = loops.current_loop_id(db, actor)
        if loop_id is None:
            return None
    return loop_page(db, actor, loop_id, today)

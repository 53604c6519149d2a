"""Every kind of row a person edits, and the form that saves it: what tests/unit/test_versions.py runs
each of its cases over."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sqlmodel import select

from magicloop.models import (
    ActionStep,
    COEReview,
    Comment,
    CompetencyRating,
    GrowthConversation,
    Idea,
    Loop,
    ManagerAsk,
    PrivateNote,
    RaterKind,
    Recommendation,
    SelfReflection,
    StageReflection,
)
from magicloop.services import (
    asks,
    coe,
    comments,
    delivery,
    framework,
    growth,
    notes,
    ratings,
    reflection,
    repeat,
    tracking,
)
from tests.clock import NOON

TODAY = NOON.date()


def _competency(db, people) -> int:
    return framework.current_competencies(db, people.owner.organisation_id)[0].id


@dataclasses.dataclass(frozen=True)
class Case:
    """One kind of editable row, and the form a person saves it with."""

    make: Callable  # (db, people, loop) -> what the save aims at: the row's id, or its loop's or item's
    save: Callable  # (db, people, target, form)
    row: Callable  # (db, people, target) -> the versioned row, or None before it is first saved
    form: Callable  # (db, people, text) -> a form that writes `text` where `read` finds it
    read: Callable  # (row) -> the text the form writes
    label: str  # where a refusal shows that text
    field: Callable = lambda db, people, target: "version"  # the hidden field the version travels in
    decided_once: bool = False  # the first save decides what may be saved at all: refused otherwise (below)


def logged_ask(db, people, loop) -> int:
    return tracking.log_item(db, people.owner, "ask", loop.id, {"what": "Clean up the survey backlog"}, TODAY)


def _recommendation(db, people, loop) -> int:
    return tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Present at the forum"}, TODAY)


def _blocked_ask(db, people, loop) -> int:
    ask_id = logged_ask(db, people, loop)
    data = {"status": "blocked", "percent": "20", "version": str(db.get(ManagerAsk, ask_id).version)}
    delivery.record_progress(db, people.owner, "ask", ask_id, data)
    return ask_id


def _step(db, people, loop) -> int:
    form = {"step_description": "Map the journey", "step_due": "next Friday"}
    reflection.add_action_step(db, people.owner, loop.id, form, TODAY)
    return db.exec(select(ActionStep.id)).one()


def _note(db, people, loop) -> int:
    notes.add_note(db, people.owner, loop.id, {"note_body": "Ask about budget"})
    return db.exec(select(PrivateNote.id)).one()


def suggested_idea(db, people, loop) -> int:
    people.owner.advanced_mode = True
    return asks.suggest_idea(db, people.owner, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)


def _rating(kind: RaterKind, rater: str) -> Case:
    def save(db, people, loop_id, form):
        actor = getattr(people, rater)
        ratings.save_ratings(db, actor, loop_id, {f"score-{_competency(db, people)}": "4", **form}, kind)

    return Case(
        make=lambda db, people, loop: loop.id,
        save=save,
        row=lambda db, people, loop_id: db.exec(
            select(CompetencyRating).where(
                CompetencyRating.loop_id == loop_id,
                CompetencyRating.rater_kind == kind,
                CompetencyRating.competency_id == _competency(db, people),
            )
        ).first(),
        form=lambda db, people, text: {f"evidence-{_competency(db, people)}": text},
        read=lambda row: row.evidence,
        label="Customer research and surveys",
        field=lambda db, people, loop_id: f"version-{_competency(db, people)}",
    )


CASES = {
    "ask": Case(
        make=logged_ask,
        save=lambda db, people, ask, form: tracking.edit_item(db, people.owner, "ask", ask, form, TODAY),
        row=lambda db, people, ask: db.get(ManagerAsk, ask),
        form=lambda db, people, text: {"what": text},
        read=lambda row: row.what,
        label="What",
    ),
    "recommendation": Case(
        make=_recommendation,
        save=lambda db, people, rec, form: tracking.edit_item(db, people.manager, "recommendation", rec, form, TODAY),
        row=lambda db, people, rec: db.get(Recommendation, rec),
        form=lambda db, people, text: {"what": text},
        read=lambda row: row.what,
        label="What",
    ),
    "progress on an ask": Case(
        make=logged_ask,
        save=lambda db, people, ask, form: delivery.record_progress(db, people.owner, "ask", ask, form),
        row=lambda db, people, ask: db.get(ManagerAsk, ask),
        form=lambda db, people, text: {"status": "in_progress", "percent": "40", "outcome": text},
        read=lambda row: row.outcome,
        label="Outcome",
    ),
    "progress on a recommendation": Case(
        make=_recommendation,
        save=lambda db, people, rec, form: delivery.record_progress(db, people.owner, "recommendation", rec, form),
        row=lambda db, people, rec: db.get(Recommendation, rec),
        form=lambda db, people, text: {"status": "in_progress", "percent": "40", "outcome": text},
        read=lambda row: row.outcome,
        label="Outcome",
    ),
    "closing reply": Case(
        make=_recommendation,
        save=lambda db, people, rec, form: growth.reply_to_recommendation(db, people.owner, rec, form),
        row=lambda db, people, rec: db.get(Recommendation, rec),
        form=lambda db, people, text: {"closing_reply": text},
        read=lambda row: row.closing_reply,
        label="Closing reply",
    ),
    "action step": Case(
        make=_step,
        save=lambda db, people, step, form: reflection.edit_action_step(db, people.owner, step, form, TODAY),
        row=lambda db, people, step: db.get(ActionStep, step),
        form=lambda db, people, text: {"step_description": text, "step_due": "next Friday"},
        read=lambda row: row.description,
        label="Step",
    ),
    "growth conversation": Case(
        make=lambda db, people, loop: growth.record_conversation(
            db, people.manager, loop.id, {"goal_restated": "Lead VoC", "gaps": "Business cases"}, TODAY
        ),
        save=lambda db, people, talk, form: growth.edit_conversation(db, people.manager, talk, form, TODAY),
        row=lambda db, people, talk: db.get(GrowthConversation, talk),
        form=lambda db, people, text: {"goal_restated": "Lead VoC", "gaps": text},
        read=lambda row: row.gaps,
        label="The gaps named",
    ),
    "private note": Case(
        make=_note,
        save=lambda db, people, note, form: notes.edit_note(db, people.owner, note, form),
        row=lambda db, people, note: db.get(PrivateNote, note),
        form=lambda db, people, text: {"note_body": text},
        read=lambda row: row.body,
        label="Note",
    ),
    "comment": Case(
        make=lambda db, people, loop: comments.add_comment(
            db, people.manager, "loop", loop.id, {"comment_body": "Good start"}
        ),
        save=lambda db, people, comment, form: comments.edit_comment(db, people.manager, comment, form),
        row=lambda db, people, comment: db.get(Comment, comment),
        form=lambda db, people, text: {"comment_body": text},
        read=lambda row: row.body,
        label="Comment",
    ),
    "self-reflection": Case(
        make=lambda db, people, loop: loop.id,
        save=lambda db, people, loop_id, form: reflection.save_self_reflection(db, people.owner, loop_id, form),
        row=lambda db, people, loop_id: db.exec(
            select(SelfReflection).where(SelfReflection.loop_id == loop_id)
        ).first(),
        form=lambda db, people, text: {"strengths": text, "readiness": "6"},
        read=lambda row: row.strengths,
        label="Strengths",
    ),
    "stage reflection": Case(
        make=lambda db, people, loop: loop.id,
        save=lambda db, people, loop_id, form: reflection.save_stage_reflection(db, people.owner, loop_id, form),
        row=lambda db, people, loop_id: db.exec(
            select(StageReflection).where(StageReflection.loop_id == loop_id)
        ).first(),
        form=lambda db, people, text: {"learned": text},
        read=lambda row: row.learned,
        label="What I learned",
    ),
    "COE review": Case(
        make=_blocked_ask,
        save=lambda db, people, ask, form: coe.save_coe_review(db, people.owner, "ask", ask, form, TODAY),
        row=lambda db, people, ask: db.exec(select(COEReview).where(COEReview.subject_id == ask)).first(),
        form=lambda db, people, text: {"what_happened": text},
        read=lambda row: row.what_happened,
        label="What happened",
    ),
    "self-rating": _rating(RaterKind.SELF, "owner"),
    "manager's rating": _rating(RaterKind.MANAGER, "manager"),
    "idea decision": Case(
        make=suggested_idea,
        save=lambda db, people, idea, form: asks.decide_idea(db, people.manager, idea, form, TODAY),
        row=lambda db, people, idea: db.get(Idea, idea),
        form=lambda db, people, text: {"decision": "decline", "decline_reason": text},
        read=lambda row: row.decline_reason,
        label="Idea",
        decided_once=True,
    ),
    "loop (repeat)": Case(
        make=lambda db, people, loop: loop.id,
        save=lambda db, people, loop_id, form: repeat.repeat_loop(db, people.owner, loop_id, form, TODAY),
        row=lambda db, people, loop_id: db.get(Loop, loop_id),
        form=lambda db, people, text: {"retrospective_moved": text},
        read=lambda row: row.retrospective_moved,
        label="Goal",
        decided_once=True,
    ),
}

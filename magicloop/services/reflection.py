"""Stage 1, Reflect: competency self-assessment, self-reflection, the action plan."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

from magicloop.models import (
    ActionStep,
    RaterKind,
    SelfReflection,
    Stage,
    StageReflection,
    User,
    utcnow,
)
from magicloop.services import loop_rows, timeline, versions
from magicloop.services.dates import describe, parse_when
from magicloop.services.errors import InvalidInput
from magicloop.services.loops import forget_carried, items_in_loop, load_item, load_loop, load_open_loop
from magicloop.services.policy import Action
from magicloop.services.ratings import framework_competencies, ratings_by_competency, save_ratings, self_scores_by_key
from magicloop.services.validation import FormCheck


@dataclasses.dataclass(frozen=True)
class CompetencyRow:
    competency_id: int
    name: str
    description: str
    score: int  # 0: not rated yet
    evidence: str
    previous_score: int  # the same competency in the previous loop, 0 if none
    manager_score: int
    version: int  # of the self-rating, 0 until there is one
    manager_version: int


@dataclasses.dataclass(frozen=True)
class ReflectionView:
    id: int  # 0 until first saved
    strengths: str
    weaknesses: str
    interests: str
    readiness: int  # 0: not said yet
    readiness_why: str
    version: int = 0


@dataclasses.dataclass(frozen=True)
class StageReflectionView:
    id: int = 0
    learned: str = ""
    hard: str = ""
    enjoyed: str = ""
    moves_toward_goal: str = ""  # "yes", "no" or "" (not said)
    version: int = 0


@dataclasses.dataclass(frozen=True)
class ActionStepRow:
    id: int
    description: str
    due_on: str
    due_text: str
    done: bool
    overdue: bool
    carried: bool  # from an earlier loop
    version: int


def assessment(db: Session, actor: User, loop_id: object) -> list[CompetencyRow]:
    loop = load_loop(db, actor, loop_id)
    mine, managers = (
        ratings_by_competency(db, loop.id, RaterKind.SELF),
        ratings_by_competency(db, loop.id, RaterKind.MANAGER),
    )
    before = self_scores_by_key(db, loop.previous_loop_id)  # perhaps on another framework version
    return [
        CompetencyRow(
            competency_id=c.id,
            name=c.name,
            description=c.description,
            score=mine[c.id].score if c.id in mine else 0,
            evidence=mine[c.id].evidence if c.id in mine else "",
            previous_score=before.get(c.key, 0),
            manager_score=managers[c.id].score if c.id in managers else 0,
            version=mine[c.id].version if c.id in mine else 0,
            manager_version=managers[c.id].version if c.id in managers else 0,
        )
        for c in framework_competencies(db, loop.framework_id)
    ]


def save_self_assessment(db: Session, actor: User, loop_id: object, data: dict) -> int:
    """Ratings arrive as `score-<competency id>` (1–5) and `evidence-<id>`; returns how many were saved."""
    return save_ratings(db, actor, loop_id, data, RaterKind.SELF)


def self_reflection(db: Session, actor: User, loop_id: object) -> ReflectionView:
    loop = load_loop(db, actor, loop_id)
    found = loop_rows.self_reflection(db, loop.id)
    if found is None:
        return ReflectionView(0, "", "", "", 0, "")
    return ReflectionView(
        found.id,
        found.strengths,
        found.weaknesses,
        found.interests,
        found.readiness or 0,
        found.readiness_why,
        found.version,
    )


def save_self_reflection(db: Session, actor: User, loop_id: object, data: dict) -> None:
    loop = load_open_loop(db, actor, loop_id, Action.EDIT_OWN)
    form = FormCheck(data)
    strengths, weaknesses, interests = _answers(
        form, {"strengths": "Strengths", "weaknesses": "Weaknesses", "interests": "Interests"}
    )
    readiness = form.integer("readiness", "Readiness", low=1, high=10)
    readiness_why = form.text("readiness_why", "Why not lower", max_len=2000, required=False, multiline=True)
    form.raise_if_errors()
    found = loop_rows.self_reflection(db, loop.id)
    versions.check(data, found, _described_reflection)
    found = found or SelfReflection(loop_id=loop.id)
    found.strengths, found.weaknesses, found.interests = strengths, weaknesses, interests
    found.readiness, found.readiness_why, found.updated_at = readiness, readiness_why, utcnow()
    db.add(found)
    timeline.on_loop(db, loop, actor, "reflection", f"Updated self-reflection (readiness {readiness}/10)")


def _described_reflection(found: SelfReflection) -> list[tuple[str, object]]:
    return [
        ("Strengths", found.strengths),
        ("Weaknesses", found.weaknesses),
        ("Interests", found.interests),
        ("Readiness", f"{found.readiness}/10" if found.readiness else None),
        ("Why not lower", found.readiness_why),
    ]


def _answers(form: FormCheck, labels: dict[str, str]) -> list[str]:
    """A reflection's written answers, each optional, for the fields of `labels` (name: label)."""
    return [form.text(name, label, max_len=2000, required=False, multiline=True) for name, label in labels.items()]


def preview_due_date(text: object, today: dt.date) -> str:
    """The parsed date said back before saving, or why it can't be used."""
    if not isinstance(text, str) or not text.strip():
        return ""
    parsed = parse_when(text, today)
    if parsed is None:
        return "Not a date we understand: try 2027-03-01, “next Friday” or “in 3 weeks”."
    if parsed < today:
        return f"{describe(parsed, today)} is in the past."
    return describe(parsed, today)


def action_steps(db: Session, actor: User, loop_id: object, today: dt.date) -> list[ActionStepRow]:
    loop = load_loop(db, actor, loop_id)
    return [
        ActionStepRow(
            id=s.id,
            description=s.description,
            due_on=s.due_on.isoformat(),
            due_text=describe(s.due_on, today),
            done=s.done_at is not None,
            overdue=s.done_at is None and s.due_on < today,
            carried=s.loop_id != loop.id,
            version=s.version,
        )
        for s in sorted(items_in_loop(db, ActionStep, "action_step", loop.id), key=lambda s: (s.due_on, s.id))
    ]


def _check_step(data: dict, today: dt.date, keep_due: dt.date | None = None) -> tuple[str, dt.date]:
    form = FormCheck(data)
    description = form.text("step_description", "Step", max_len=500)
    due_on = form.date("step_due", "Target date", today=today, not_past=True, keep=keep_due)
    form.raise_if_errors()
    return description, due_on


def add_action_step(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> None:
    loop = load_open_loop(db, actor, loop_id, Action.EDIT_OWN)
    description, due_on = _check_step(data, today)
    step = ActionStep(loop_id=loop.id, description=description, due_on=due_on)
    db.add(step)
    db.flush()
    timeline.on_loop(
        db,
        loop,
        actor,
        "action_step",
        f"Planned a step for {due_on.isoformat()}: {description}",
        ("action_step", step.id),
    )


def _described_step(step: ActionStep) -> list[tuple[str, object]]:
    return [("Step", step.description), ("Target date", step.due_on), ("Done", "yes" if step.done_at else "not yet")]


def edit_action_step(db: Session, actor: User, step_id: object, data: dict, today: dt.date) -> None:
    step, loop = load_item(db, actor, ActionStep, step_id, Action.EDIT_OWN, writable=True)
    checked = _check_step(data, today, keep_due=step.due_on)
    versions.check(data, step, _described_step)
    step.description, step.due_on = checked
    db.add(step)
    timeline.on_loop(
        db,
        loop,
        actor,
        "action_step",
        f"Edited a step (due {step.due_on.isoformat()}): {step.description}",
        ("action_step", step.id),
    )


def set_step_done(db: Session, actor: User, step_id: object, done: object) -> None:
    if not isinstance(done, bool):
        raise InvalidInput({"done": "Done must be yes or no."})
    step, loop = load_item(db, actor, ActionStep, step_id, Action.EDIT_OWN, writable=True)
    step.done_at = utcnow() if done else None
    db.add(step)
    verb = "Completed" if step.done_at else "Reopened"
    timeline.on_loop(db, loop, actor, "action_step", f"{verb} a step: {step.description}", ("action_step", step.id))


def delete_step(db: Session, actor: User, step_id: object) -> None:
    step, loop = load_item(db, actor, ActionStep, step_id, Action.EDIT_OWN, writable=True)
    timeline.deleted(db, loop, actor, ("action_step", step.id), "An action step")
    forget_carried(db, ActionStep, step.id)
    db.delete(step)


def stage_reflection(db: Session, actor: User, loop_id: object) -> StageReflectionView:
    found = loop_rows.stage_reflection(db, load_loop(db, actor, loop_id).id)
    if found is None:
        return StageReflectionView()
    return StageReflectionView(found.id, found.learned, found.hard, found.enjoyed, _moves(found), found.version)


def _moves(found: StageReflection) -> str:
    return {True: "yes", False: "no", None: ""}[found.moves_toward_goal]


def _described_stage_reflection(found: StageReflection) -> list[tuple[str, object]]:
    return [
        ("What I learned", found.learned),
        ("What was hard", found.hard),
        ("What I enjoyed", found.enjoyed),
        ("Moves me toward my goal", _moves(found)),
    ]


def save_stage_reflection(db: Session, actor: User, loop_id: object, data: dict) -> None:
    """Stage 3's reflection: what I learned, what was hard, what I enjoyed, and whether it moves me toward my goal."""
    loop = load_open_loop(db, actor, loop_id, Action.EDIT_OWN)
    form = FormCheck(data)
    learned, hard, enjoyed = _answers(
        form, {"learned": "What I learned", "hard": "What was hard", "enjoyed": "What I enjoyed"}
    )
    moves = form.choice("moves_toward_goal", "Answer", ["yes", "no", ""]) if form.data.get("moves_toward_goal") else ""
    if not (learned or hard or enjoyed) and not form.errors:
        form.fail("learned", "Write at least one line before saving.")
    form.raise_if_errors()
    found = loop_rows.stage_reflection(db, loop.id)
    versions.check(data, found, _described_stage_reflection)
    found = found or StageReflection(loop_id=loop.id, stage=Stage.IMPLEMENT)
    found.learned, found.hard, found.enjoyed = learned, hard, enjoyed
    found.moves_toward_goal, found.updated_at = {"yes": True, "no": False}.get(moves), utcnow()
    db.add(found)
    timeline.on_loop(db, loop, actor, "reflection", f"Reflected on stage 3 of loop {loop.number}")

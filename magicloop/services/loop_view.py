"""Where a loop stands: what each stage still lacks and holds open, and the one obvious next step."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

from magicloop.models import Loop, Stage, User
from magicloop.services.dates import local_day
from magicloop.services.loops import STAGE_TITLES, load_loop
from magicloop.services.outline import OutlineRow, of, outline
from magicloop.services.policy import Relation, relations_to


@dataclasses.dataclass(frozen=True)
class StageStatus:
    number: int
    title: str
    state: str  # "current", "upcoming", "done" or "open" (left behind with something still open)
    open_items: list[str]
    missing: list[str]  # not recorded yet


@dataclasses.dataclass(frozen=True)
class LoopView:
    id: int
    number: int
    goal: str
    target_role: str
    target_date: str
    stage: int
    stage_title: str
    is_current: bool
    editable: bool  # the owner, on their current loop
    viewer: str  # "owner", "manager" or "mentor"
    can_contribute: bool  # owner or manager, on a current loop: asks, conversations, recommendations
    owner_id: int
    owner_name: str
    started_on: str
    closed_on: str
    retrospective_moved: str
    retrospective_stalled: str
    next_action: str  # for the owner of a current loop
    stages: list[StageStatus]
    version: int = 0  # what the repeat form carries


@dataclasses.dataclass(frozen=True)
class StageProgress:
    missing: list[str]  # not recorded yet: prompts for the next step, never counted as open
    open_items: list[str]  # recorded and not finished: what "N open" counts


def _reflect_progress(rows: list[OutlineRow], today: dt.date) -> StageProgress:
    reflection, steps = of(rows, "reflection"), of(rows, "action_step")
    missing = []
    if not reflection or reflection[0].is_open:
        missing.append("Your self-reflection and readiness aren't recorded yet.")
    if not steps:
        missing.append("Your action plan has no dated steps yet.")
    # The plan is worked on through the whole loop: a step holds Reflect open only once it is overdue.
    overdue = [f"Action step overdue: {s.text}" for s in steps if s.is_open and s.due_on < today]
    return StageProgress(missing, overdue)


def _ask_progress(rows: list[OutlineRow], today: dt.date) -> StageProgress:
    pending = [i for i in of(rows, "idea") if i.is_open]
    return StageProgress(
        [] if of(rows, "ask") else ["No ask from your manager is logged yet."],
        [f"Idea awaiting your manager: {i.text[:80]}" for i in pending],
    )


def _implement_progress(rows: list[OutlineRow], today: dt.date) -> StageProgress:
    return StageProgress([], [f"Ask not done: {a.text}" for a in of(rows, "ask") if a.is_open])


def _grow_progress(rows: list[OutlineRow], today: dt.date) -> StageProgress:
    held = bool(of(rows, "conversation"))
    return StageProgress([] if held else ["No growth conversation is recorded yet."], [])


def _recommended_progress(rows: list[OutlineRow], today: dt.date) -> StageProgress:
    recs = of(rows, "recommendation")
    if not recs:
        return StageProgress(
            ["No recommendation is recorded yet: write down the ones from your growth conversation."], []
        )
    return StageProgress(
        [],
        [
            f"No closing reply yet: {r.text}" if r.done else f"Recommendation not done: {r.text}"
            for r in recs
            if r.is_open
        ],
    )


_PROGRESS = {
    Stage.REFLECT: _reflect_progress,
    Stage.ASK: _ask_progress,
    Stage.IMPLEMENT: _implement_progress,
    Stage.GROW: _grow_progress,
    Stage.RECOMMENDED: _recommended_progress,
}


def stage_progress(rows: list[OutlineRow], stage: int, today: dt.date) -> StageProgress:
    """What a stage still lacks, and what in it is open, in words, from the loop's outline; never a
    reason to block.

    The one meaning of "open" that the stepper, the dashboard and the team page show.
    """
    return _PROGRESS[Stage(stage)](rows, today)


def open_in_current_stage(db: Session, loop: Loop | None, today: dt.date) -> int:
    """How much is open in the loop's current stage, counted as its stepper counts it."""
    return len(stage_progress(outline(db, loop.id), loop.stage, today).open_items) if loop else 0


def _stage_state(loop: Loop, stage: int, progress: StageProgress) -> str:
    """A stage left behind is done only with nothing open in it, so a tick never sits beside "1 open"."""
    if loop.closed_at is None and stage == loop.stage:
        return "current"
    if loop.closed_at is None and stage > loop.stage:
        return "upcoming"
    return "open" if progress.open_items else "done"


def next_action(db: Session, loop: Loop, today: dt.date) -> str:
    """One obvious next step for the loop's owner."""
    return _next_step(loop, stage_progress(outline(db, loop.id), loop.stage, today))


def _next_step(loop: Loop, progress: StageProgress) -> str:
    waiting = progress.missing + progress.open_items
    if waiting:
        return waiting[0]
    if loop.stage < Stage.RECOMMENDED:
        following = Stage(loop.stage + 1)
        return f"Stage {loop.stage} looks complete: move on to stage {int(following)}, {STAGE_TITLES[following]}."
    return "Everything here is done and answered: repeat the loop to keep growing."


def _stage_status(loop: Loop, stage: Stage, progress: StageProgress) -> StageStatus:
    return StageStatus(
        number=int(stage),
        title=STAGE_TITLES[stage],
        state=_stage_state(loop, stage, progress),
        open_items=progress.open_items,
        missing=progress.missing,
    )


def view_loop(db: Session, actor: User, loop_id: object, today: dt.date) -> LoopView:
    loop = load_loop(db, actor, loop_id)
    owner = db.get(User, loop.owner_id)
    is_current = loop.closed_at is None
    relations = relations_to(db, actor, owner)
    viewer = "owner" if Relation.OWNER in relations else ("manager" if Relation.MANAGER in relations else "mentor")
    rows = outline(db, loop.id)
    progress = {stage: stage_progress(rows, stage, today) for stage in STAGE_TITLES}
    return LoopView(
        id=loop.id,
        number=loop.number,
        goal=loop.goal,
        target_role=loop.target_role,
        target_date=loop.target_date.isoformat() if loop.target_date else "",
        stage=loop.stage,
        stage_title=STAGE_TITLES[Stage(loop.stage)],
        is_current=is_current,
        editable=is_current and viewer == "owner",
        viewer=viewer,
        can_contribute=is_current and viewer in ("owner", "manager"),
        owner_id=owner.id,
        owner_name=owner.display_name,
        started_on=local_day(loop.started_at, owner.time_zone).isoformat(),  # days of the owner's calendar
        closed_on=local_day(loop.closed_at, owner.time_zone).isoformat() if loop.closed_at else "",
        retrospective_moved=loop.retrospective_moved,
        retrospective_stalled=loop.retrospective_stalled,
        next_action=_next_step(loop, progress[Stage(loop.stage)]) if is_current else "",
        stages=[_stage_status(loop, stage, found) for stage, found in progress.items()],
        version=loop.version,
    )

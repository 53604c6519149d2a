"""Loops: start one, see where it stands, move through its stages, repeat."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from sqlalchemy import func, or_
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    GrowthConversation,
    Idea,
    ItemStatus,
    Loop,
    ManagerAsk,
    Recommendation,
    SelfReflection,
    Stage,
    User,
    utcnow,
)
from magicloop.services import timeline
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.policy import Action, Relation, authorize, relations_to
from magicloop.services.validation import FormCheck, is_id
from magicloop.services.words import counted

STAGE_TITLES = {
    Stage.REFLECT: "Reflect",
    Stage.ASK: "Ask how to help",
    Stage.IMPLEMENT: "Implement",
    Stage.GROW: "Ask how to grow",
    Stage.RECOMMENDED: "Do as recommended",
}
# Item kinds a loop can carry forward, and their tables.
CARRIED_KINDS = {"ask": ManagerAsk, "recommendation": Recommendation, "action_step": ActionStep}


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
    owner_name: str
    started_on: str
    closed_on: str
    retrospective_moved: str
    retrospective_stalled: str
    next_action: str  # for the owner of a current loop
    stages: list[StageStatus]


@dataclasses.dataclass(frozen=True)
class LoopSummary:
    id: int
    number: int
    goal: str
    stage_title: str
    is_current: bool
    started_on: str
    closed_on: str


def load_loop(db: Session, actor: User, loop_id: object, action: Action = Action.VIEW) -> Loop:
    loop = db.get(Loop, loop_id) if is_id(loop_id) else None
    if loop is None:
        raise NotFound("That loop doesn't exist.")
    authorize(db, actor, action, loop)
    return loop


def require_open(loop: Loop) -> None:
    if loop.closed_at is not None:
        raise Forbidden("This loop is closed: it is read-only history.")


def load_item(
    db: Session, actor: User, model, item_id: object, action: Action = Action.VIEW, *, writable: bool = False
):
    """An item and its loop, after the policy check.

    `writable` also requires that it is worked on in an open loop — its own,
    or the open loop it was carried into, which is then the loop returned.
    Closed loops are read-only history.
    """
    item = db.get(model, item_id) if is_id(item_id) else None
    if item is None:
        raise NotFound("That item no longer exists.")
    authorize(db, actor, action, item)
    loop = db.get(Loop, item.loop_id)
    if writable and loop.closed_at is not None:
        kind = next((k for k, m in CARRIED_KINDS.items() if m is model), None)
        loop = (kind and _open_loop_carrying(db, kind, item.id)) or loop
        require_open(loop)
    return item, loop


# Who wrote each kind of item: only they may edit or delete it.
AUTHOR_FIELDS = {
    "ManagerAsk": "logged_by_id",
    "Recommendation": "recommended_by_id",
    "GrowthConversation": "recorded_by_id",
}


def load_authored(db: Session, actor: User, model, item_id: object, action: Action):
    """An item its author is about to change (in an open loop); anyone else is refused."""
    item, loop = load_item(db, actor, model, item_id, action, writable=True)
    if getattr(item, AUTHOR_FIELDS[model.__name__]) != actor.id:
        raise Forbidden("Only the person who recorded this can change it.")
    return item, loop


def _open_loop_carrying(db: Session, kind: str, item_id: int) -> Loop | None:
    return db.exec(
        select(Loop)
        .join(CarriedItem, Loop.id == CarriedItem.loop_id)
        .where(CarriedItem.item_kind == kind, CarriedItem.item_id == item_id, Loop.closed_at.is_(None))
    ).first()


def forget_carried(db: Session, model, item_id: int) -> None:
    """Before deleting an item: drop its links into later loops."""
    kind = next((k for k, m in CARRIED_KINDS.items() if m is model), None)
    if kind:
        for link in db.exec(select(CarriedItem).where(CarriedItem.item_kind == kind, CarriedItem.item_id == item_id)):
            db.delete(link)


def current_loop(db: Session, owner_id: int) -> Loop | None:
    return db.exec(
        select(Loop).where(Loop.owner_id == owner_id, Loop.closed_at.is_(None)).order_by(Loop.number.desc())
    ).first()


def _owner(db: Session, actor: User, owner_id: object) -> User:
    """The professional asked about: the actor by default."""
    if owner_id is None:
        return actor
    owner = db.get(User, owner_id) if is_id(owner_id) else None
    if owner is None:
        raise NotFound()
    return owner


def current_loop_id(db: Session, actor: User, owner_id: object = None) -> int | None:
    owner = _owner(db, actor, owner_id)
    authorize(db, actor, Action.VIEW, owner)
    loop = current_loop(db, owner.id)
    return loop.id if loop else None


def items_in_loop(db: Session, model, kind: str, loop_id: int) -> list:
    """Items that started in this loop, and open ones carried into it."""
    carried = select(CarriedItem.item_id).where(CarriedItem.loop_id == loop_id, CarriedItem.item_kind == kind)
    return list(
        db.exec(select(model).where(or_(model.loop_id == loop_id, model.id.in_(carried))).order_by(model.id)).all()
    )


def carried_ids(db: Session, loop_id: int, kind: str) -> set[int]:
    return set(
        db.exec(select(CarriedItem.item_id).where(CarriedItem.loop_id == loop_id, CarriedItem.item_kind == kind)).all()
    )


def _check_goal(form: FormCheck, today: dt.date) -> tuple[str, str, dt.date | None]:
    goal = form.text("goal", "Career goal", max_len=500, multiline=True)
    target_role = form.text("target_role", "Target role", max_len=120, required=False)
    target_date = form.date("target_date", "Target date", today=today, required=False, not_past=True)
    return goal, target_role, target_date


def start_loop(db: Session, actor: User, data: dict, today: dt.date) -> int:
    """The professional's first loop (later ones come from `repeat_loop`)."""
    form = FormCheck(data)
    goal, target_role, target_date = _check_goal(form, today)
    form.raise_if_errors()
    authorize(db, actor, Action.EDIT_OWN, actor)
    if current_loop(db, actor.id) is not None:
        raise Forbidden("You already have a loop under way: repeat it to start the next one.")
    number = (db.exec(select(func.max(Loop.number)).where(Loop.owner_id == actor.id)).one() or 0) + 1
    loop = Loop(owner_id=actor.id, number=number, goal=goal, target_role=target_role, target_date=target_date)
    db.add(loop)
    db.flush()
    timeline.on_loop(db, loop, actor, "loop", f"Started loop {number}: {goal}")
    return loop.id


@dataclasses.dataclass(frozen=True)
class StageProgress:
    missing: list[str]  # not recorded yet: prompts for the next step, never counted as open
    open_items: list[str]  # recorded and not finished: what "N open" counts


def _reflect_progress(db: Session, loop: Loop, today: dt.date) -> StageProgress:
    reflection = db.exec(select(SelfReflection).where(SelfReflection.loop_id == loop.id)).first()
    steps = items_in_loop(db, ActionStep, "action_step", loop.id)
    missing = []
    if reflection is None or reflection.readiness is None:
        missing.append("Your self-reflection and readiness aren't recorded yet.")
    if not steps:
        missing.append("Your action plan has no dated steps yet.")
    # The plan is worked on through the whole loop: a step holds Reflect open only once it is overdue.
    overdue = [f"Action step overdue: {s.description}" for s in steps if _is_open(s) and s.due_on < today]
    return StageProgress(missing, overdue)


def _ask_progress(db: Session, loop: Loop, today: dt.date) -> StageProgress:
    logged = bool(items_in_loop(db, ManagerAsk, "ask", loop.id))
    pending = db.exec(select(Idea).where(Idea.loop_id == loop.id, Idea.status == "pending")).all()
    return StageProgress(
        [] if logged else ["No ask from your manager is logged yet."],
        [f"Idea awaiting your manager: {i.proposal[:80]}" for i in pending],
    )


def _implement_progress(db: Session, loop: Loop, today: dt.date) -> StageProgress:
    asks = items_in_loop(db, ManagerAsk, "ask", loop.id)
    return StageProgress([], [f"Ask not done: {a.what}" for a in asks if _is_open(a)])


def _grow_progress(db: Session, loop: Loop, today: dt.date) -> StageProgress:
    held = db.exec(select(GrowthConversation.id).where(GrowthConversation.loop_id == loop.id)).first() is not None
    return StageProgress([] if held else ["No growth conversation is recorded yet."], [])


def _recommended_progress(db: Session, loop: Loop, today: dt.date) -> StageProgress:
    recs = items_in_loop(db, Recommendation, "recommendation", loop.id)
    if not recs:
        return StageProgress(
            ["No recommendation is recorded yet: write down the ones from your growth conversation."], []
        )
    return StageProgress(
        [],
        [
            f"Recommendation not done: {r.what}" if r.status != ItemStatus.DONE else f"No closing reply yet: {r.what}"
            for r in recs
            if _is_open(r)
        ],
    )


_PROGRESS = {
    Stage.REFLECT: _reflect_progress,
    Stage.ASK: _ask_progress,
    Stage.IMPLEMENT: _implement_progress,
    Stage.GROW: _grow_progress,
    Stage.RECOMMENDED: _recommended_progress,
}


def stage_progress(db: Session, loop: Loop, stage: int, today: dt.date) -> StageProgress:
    """What a stage still lacks, and what in it is open, in words; never a reason to block.

    The one meaning of "open" that the stepper, the dashboard and the team page show.
    """
    return _PROGRESS[Stage(stage)](db, loop, today)


def open_in_current_stage(db: Session, loop: Loop | None, today: dt.date) -> int:
    """How much is open in the loop's current stage, counted as its stepper counts it."""
    return len(stage_progress(db, loop, loop.stage, today).open_items) if loop else 0


def _stage_state(loop: Loop, stage: int, progress: StageProgress) -> str:
    """A stage left behind is done only with nothing open in it, so a tick never sits beside "1 open"."""
    if loop.closed_at is None and stage == loop.stage:
        return "current"
    if loop.closed_at is None and stage > loop.stage:
        return "upcoming"
    return "open" if progress.open_items else "done"


def next_action(db: Session, loop: Loop, today: dt.date) -> str:
    """One obvious next step for the loop's owner."""
    progress = stage_progress(db, loop, loop.stage, today)
    waiting = progress.missing + progress.open_items
    if waiting:
        return waiting[0]
    if loop.stage < Stage.RECOMMENDED:
        following = Stage(loop.stage + 1)
        return f"Stage {loop.stage} looks complete: move on to stage {int(following)}, {STAGE_TITLES[following]}."
    return "Everything here is done and answered: repeat the loop to keep growing."


def _stage_status(db: Session, loop: Loop, stage: Stage, today: dt.date) -> StageStatus:
    progress = stage_progress(db, loop, stage, today)
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
    stages = [_stage_status(db, loop, stage, today) for stage in STAGE_TITLES]
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
        owner_name=owner.display_name,
        started_on=loop.started_at.date().isoformat(),
        closed_on=loop.closed_at.date().isoformat() if loop.closed_at else "",
        retrospective_moved=loop.retrospective_moved,
        retrospective_stalled=loop.retrospective_stalled,
        next_action=next_action(db, loop, today) if is_current else "",
        stages=stages,
    )


def list_loops(db: Session, actor: User, owner_id: object = None) -> list[LoopSummary]:
    owner = _owner(db, actor, owner_id)
    authorize(db, actor, Action.VIEW, owner)
    loops = db.exec(select(Loop).where(Loop.owner_id == owner.id).order_by(Loop.number.desc())).all()
    return [
        LoopSummary(
            id=l.id,
            number=l.number,
            goal=l.goal,
            stage_title=STAGE_TITLES[Stage(l.stage)],
            is_current=l.closed_at is None,
            started_on=l.started_at.date().isoformat(),
            closed_on=l.closed_at.date().isoformat() if l.closed_at else "",
        )
        for l in loops
    ]


def move_to_stage(db: Session, actor: User, loop_id: object, stage: object) -> None:
    """The professional's choice; what is open in the stage left is shown, not enforced."""
    loop = load_loop(db, actor, loop_id, Action.EDIT_OWN)
    require_open(loop)
    if not isinstance(stage, int) or isinstance(stage, bool) or stage not in {int(s) for s in STAGE_TITLES}:
        raise InvalidInput({"stage": "Choose one of the five stages."})
    if stage == loop.stage:
        return
    loop.stage = stage
    db.add(loop)
    timeline.on_loop(
        db, loop, actor, "stage", f"Loop {loop.number}: moved to stage {stage}, {STAGE_TITLES[Stage(stage)]}"
    )


def repeat_loop(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    """Close this loop with a retrospective and start the next, carrying open items forward."""
    loop = load_loop(db, actor, loop_id, Action.EDIT_OWN)
    require_open(loop)
    form = FormCheck(data)
    moved = form.text("retrospective_moved", "What moved", max_len=2000, multiline=True)
    stalled = form.text("retrospective_stalled", "What didn't move", max_len=2000, required=False, multiline=True)
    restart = form.choice("restart_at", "Starting stage", ["4", "1"], default="4")
    form.data = _carry_goal(form.data, loop, today)
    goal, target_role, target_date = _check_goal(form, today)
    form.raise_if_errors()
    now = utcnow()
    loop.closed_at, loop.retrospective_moved, loop.retrospective_stalled = now, moved, stalled
    db.add(loop)
    following = Loop(
        owner_id=loop.owner_id,
        number=loop.number + 1,
        goal=goal,
        target_role=target_role,
        target_date=target_date,
        stage=int(restart),
        previous_loop_id=loop.id,
        started_at=now,
    )
    db.add(following)
    db.flush()
    carried = _carry_open_items(db, loop, following)
    summary = f"Closed loop {loop.number} and started loop {following.number} ({counted(carried, 'open item')} carried forward)"
    timeline.on_loop(db, following, actor, "loop", summary)
    return following.id


def _carry_goal(data: Mapping, loop: Loop, today: dt.date) -> dict:
    """The repeat form with the goal, target role and date of `loop` wherever they were left
    blank; what was typed is checked like a first loop's. A target date that has passed is
    not carried: the next loop would start overdue."""
    date = loop.target_date.isoformat() if loop.target_date else ""
    passed = bool(date) and loop.target_date < today
    if passed and data.get("target_date") == date:  # the dialog offered it back unchanged
        data = {**data, "target_date": ""}
    carried = {"goal": loop.goal, "target_role": loop.target_role, "target_date": "" if passed else date}
    return {**data, **{name: value for name, value in carried.items() if _is_blank(data.get(name))}}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _carry_open_items(db: Session, old: Loop, new: Loop) -> int:
    count = 0
    for kind, model in CARRIED_KINDS.items():
        for item in items_in_loop(db, model, kind, old.id):
            if _is_open(item):
                db.add(CarriedItem(loop_id=new.id, item_kind=kind, item_id=item.id))
                count += 1
    return count


def _is_open(item) -> bool:
    if isinstance(item, ActionStep):
        return item.done_at is None
    if isinstance(item, Recommendation):
        return item.status != ItemStatus.DONE or item.replied_at is None
    return item.status != ItemStatus.DONE

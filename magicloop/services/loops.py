"""Loops: start one, find it and what is in it (policy checked), list them, move through the stages."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, union_all
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    Loop,
    ManagerAsk,
    Recommendation,
    Stage,
    User,
)
from magicloop.services import loop_rows, timeline
from magicloop.services.dates import local_day
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.loop_rows import LOOP
from magicloop.services.policy import OWNER, Action, authorize
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered
from magicloop.services.validation import FormCheck, is_id

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
class LoopSummary:
    id: int
    number: int
    goal: str
    stage_title: str
    is_current: bool
    started_on: str
    closed_on: str


def load_loop(db: Session, actor: User, loop_id: object, action: Action = Action.VIEW) -> Loop:
    loop = loop_rows.loop(db, loop_id) if is_id(loop_id) else None
    if loop is None:
        raise NotFound("That loop doesn't exist.")
    authorize(db, actor, action, loop)
    return loop


def load_open_loop(db: Session, actor: User, loop_id: object, action: Action) -> Loop:
    """A loop about to be written to: `actor` may do `action` to it, and it is not closed history."""
    loop = load_loop(db, actor, loop_id, action)
    require_open(loop)
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


def owner_loops(db: Session, owner_id: int) -> list[Loop]:
    """A person's loops, newest first (a handful, even after years), read once per transaction."""
    read = lambda: list(db.exec(_loops_of_owner(), params={"owner_id": owner_id}))  # noqa: E731
    return remembered(db, ("loops", owner_id), read, reads=(Loop,))


@built_once
def _loops_of_owner():
    return select(Loop).where(Loop.owner_id == OWNER).order_by(Loop.number.desc())


def current_loop(db: Session, owner_id: int) -> Loop | None:
    return next((loop for loop in owner_loops(db, owner_id) if loop.closed_at is None), None)


def shown_owner(db: Session, actor: User, owner_id: object) -> User:
    """The professional `owner_id` names, once the policy lets `actor` see their records."""
    owner = db.get(User, owner_id) if is_id(owner_id) else None
    if owner is None:
        raise NotFound("That person doesn't exist.")
    authorize(db, actor, Action.VIEW, owner)
    return owner


def current_loop_id(db: Session, actor: User, owner_id: object = None) -> int | None:
    owner = shown_owner(db, actor, actor.id if owner_id is None else owner_id)
    loop = current_loop(db, owner.id)
    return loop.id if loop else None


def in_loop(model, kind: str):
    """The condition for items that started in LOOP, and open ones carried into it: an indexed search for each,
    where an OR of the two would have PostgreSQL read every loop's items."""
    started = select(model.id).where(model.loop_id == LOOP)
    carried = select(CarriedItem.item_id).where(CarriedItem.loop_id == LOOP, CarriedItem.item_kind == kind)
    return model.id.in_(union_all(started, carried))


@built_once
def _items(model, kind: str):
    return select(model).where(in_loop(model, kind)).order_by(model.id)


def items_in_loop(db: Session, model, kind: str, loop_id: int) -> list:
    read = lambda: db.exec(_items(model, kind), params={"loop_id": loop_id}).all()  # noqa: E731
    return list(remembered(db, ("items", kind, loop_id), read, reads=(model, CarriedItem)))


def check_goal(form: FormCheck, today: dt.date) -> tuple[str, str, dt.date | None]:
    goal = form.text("goal", "Career goal", max_len=500, multiline=True)
    target_role = form.text("target_role", "Target role", max_len=120, required=False)
    target_date = form.date("target_date", "Target date", today=today, required=False, not_past=True)
    return goal, target_role, target_date


def start_loop(db: Session, actor: User, data: dict, today: dt.date) -> int:
    """The professional's first loop (later ones come from `repeat_loop`)."""
    form = FormCheck(data)
    goal, target_role, target_date = check_goal(form, today)
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


def list_loops(db: Session, actor: User, owner_id: object = None) -> list[LoopSummary]:
    owner = shown_owner(db, actor, actor.id if owner_id is None else owner_id)
    return [
        LoopSummary(
            id=l.id,
            number=l.number,
            goal=l.goal,
            stage_title=STAGE_TITLES[Stage(l.stage)],
            is_current=l.closed_at is None,
            started_on=local_day(l.started_at, owner.time_zone).isoformat(),  # days of the owner's calendar
            closed_on=local_day(l.closed_at, owner.time_zone).isoformat() if l.closed_at else "",
        )
        for l in owner_loops(db, owner.id)
    ]


def move_to_stage(db: Session, actor: User, loop_id: object, stage: object) -> None:
    """The professional's choice; what is open in the stage left is shown, not enforced."""
    loop = load_open_loop(db, actor, loop_id, Action.EDIT_OWN)
    if not isinstance(stage, int) or isinstance(stage, bool) or stage not in {int(s) for s in STAGE_TITLES}:
        raise InvalidInput({"stage": "Choose one of the five stages."})
    if stage == loop.stage:
        return
    loop.stage = stage
    db.add(loop)
    timeline.on_loop(
        db, loop, actor, "stage", f"Loop {loop.number}: moved to stage {stage}, {STAGE_TITLES[Stage(stage)]}"
    )
